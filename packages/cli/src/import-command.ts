/**
 * `guarantor import`: the command line of the import, with column mapping, presets, a dry run
 * and exit codes a script can act on (docs/import-csv.md, "Files laid out by others").
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import { reasonIn } from '@guarantor/core/i18n/reasons';
import {
  type CsvDelimiter,
  csvRecords,
  IMPORT_COLUMNS,
  type ImportMapping,
  type ImportPreset,
  inlineValueTable,
  mappingFromFlags,
} from '@guarantor/core/imports';
import type { Observation } from '@guarantor/core/monitoring';
import { migrate } from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { loadPreset as loadPresetFile, PresetError, presetNames } from '@guarantor/server/imports/presets';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  formatOfFile,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportReading,
  type ImportRejectRow,
  importObservations,
  readImportFile,
  rejectOf,
  writeRejects,
} from './import.ts';
import { words } from './messages.ts';
import { progressBar } from './progress.ts';

/** Exit statuses of `guarantor import`, for scripts and cron jobs. */
export const IMPORT_EXIT = {
  /** Every row stored (or, with --accept-partial, every accepted row). */
  ok: 0,
  /** Wrong flags, an unreadable preset, no database. */
  usage: 1,
  /** The file was refused as a whole (its header, its encoding, not the format): nothing stored. */
  refused: 2,
  /** Rows were rejected, so nothing was stored (rerun with --accept-partial to store the rest). */
  rejected: 3,
} as const;

/** What the import command borrows from main.ts. */
export interface ImportCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImportCommand(program: Command, deps: ImportCommandDeps): void {
  deps
    .dbOptions(
      program
        .command('import <file>')
        .description(
          'Import events from a file as monitoring observations: the generic layout, any layout through a column mapping or a preset (acled, ucdp), CSV, XLSX or GeoJSON. One transaction: nothing is stored when a row is rejected (unless --accept-partial); a rerun adds nothing twice.',
        )
        .addOption(
          new Option(
            '--format <format>',
            "file layout (default: the preset's, else from the file name)",
          ).choices(IMPORT_FORMATS),
        )
        .option('--preset <name|file.json>', `a saved mapping: ${presetNames().join(', ')}, or a preset file`)
        .option('--map <field=column>', 'read a field from a column of another name (repeatable)', collect)
        .option('--set <field=value>', 'give a field the same value on every row (repeatable)', collect)
        .option(
          '--values <field=column:table>',
          "translate a column's values: table is a CSV file of two columns (the file's value, the field's) with a header, or inline 'a=b;c=d'; '*' matches anything else (repeatable)",
          collect,
        )
        .option(
          '--uid-from <columns>',
          'when the file has no uid: a stable hash of these comma-separated columns',
        )
        .option(
          '--zone <zone>',
          'time zone for times without one; a date alone is that whole day (e.g. Europe/Kyiv)',
        )
        .addOption(
          new Option('--date-order <order>', 'order of dates like 03/04/2024').choices(['dmy', 'mdy']),
        )
        .option(
          '--encoding <encoding>',
          'text encoding (default: UTF-8, or Windows-1251 when the file is not UTF-8)',
        )
        .addOption(
          new Option(
            '--delimiter <delimiter>',
            'CSV field separator (default: guessed from the header)',
          ).choices(['comma', 'semicolon', 'tab']),
        )
        .option('--sheet <name>', 'the worksheet of an XLSX file (default: the first)')
        .option('--save-preset <file.json>', 'save the mapping the flags describe as a preset file')
        .option(
          '--dry-run [rows]',
          'read the whole file, print the first rows as they would be stored and every problem; store nothing',
        )
        .option('--accept-partial', 'store the accepted rows even when others are rejected (exit 0)')
        .option(
          '--nation <iso3>',
          'the nation that vouches for the file: every observation is credited to it',
          deps.parseNation,
        )
        .option('--label <label>', 'releasability of the observations', 'COALITION')
        .option('--rejects <file.csv>', 'write every rejected row (row, uid, field, reason) to this CSV file')
        .option('--show <n>', 'rejected rows to print', '20'),
    )
    .addHelpText(
      'after',
      `
Fields: ${IMPORT_COLUMNS.join(', ')}.
Exit status: 0 stored; 1 wrong flags or no database; 2 the file was refused (nothing stored);
3 rows were rejected and nothing was stored (rerun with --accept-partial to store the rest).
Example: guarantor import acled-2024.csv --preset acled --nation UKR --dry-run`,
    )
    .action(async (file: string, opts: ImportFlags) => {
      process.exitCode = await runImport(file, opts, deps);
    });
}

interface ImportFlags {
  readonly format?: ImportFormat;
  readonly preset?: string;
  readonly map?: string[];
  readonly set?: string[];
  readonly values?: string[];
  readonly uidFrom?: string;
  readonly zone?: string;
  readonly dateOrder?: 'dmy' | 'mdy';
  readonly encoding?: string;
  readonly delimiter?: 'comma' | 'semicolon' | 'tab';
  readonly sheet?: string;
  readonly savePreset?: string;
  readonly dryRun?: boolean | string;
  readonly acceptPartial?: boolean;
  readonly nation?: string;
  readonly label: string;
  readonly rejects?: string;
  readonly show: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

const DELIMITERS: Readonly<Record<NonNullable<ImportFlags['delimiter']>, CsvDelimiter>> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
};

async function runImport(file: string, opts: ImportFlags, deps: ImportCommandDeps): Promise<number> {
  if (!existsSync(file)) throw new InvalidArgumentError(`${file}: no such file`);
  const preset = opts.preset ? loadPreset(opts.preset) : undefined;
  const format: ImportFormat | undefined =
    opts.format ?? (preset === 'ucdp' ? 'ucdp' : preset?.format) ?? formatOfFile(file);
  if (!format) {
    throw new InvalidArgumentError(
      `--format: cannot tell the layout of ${basename(file)} from its name; give --format ${IMPORT_FORMATS.join('|')}`,
    );
  }
  const label = labelOf(opts.label);
  const mapping = await mappingOf(preset === 'ucdp' ? undefined : preset, opts, format);
  if (opts.savePreset) {
    savePreset(opts.savePreset, format, mapping);
    console.error(`  mapping saved to ${opts.savePreset} (use it with --preset ${opts.savePreset})`);
  }
  if (opts.encoding && !isEncoding(opts.encoding))
    throw new InvalidArgumentError(
      `--encoding ${opts.encoding}: not a text encoding; use e.g. utf-8, windows-1251`,
    );
  const reading: ImportReading = {
    ...(mapping ? { mapping } : {}),
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.delimiter ? { delimiter: DELIMITERS[opts.delimiter] } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    onNotice: (notice) => console.error(`  note: ${notice}`),
  };
  if (opts.dryRun !== undefined && opts.dryRun !== false) return dryRun(file, format, reading, opts);

  const config = deps.configFrom(opts);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    let bar: ReturnType<typeof progressBar> | undefined;
    const summary = await importObservations(database.db, file, {
      ...reading,
      format,
      ...(opts.nation ? { nation: opts.nation } : {}),
      ...(opts.acceptPartial ? { acceptPartial: true } : {}),
      label,
      reportedAtMs: systemClock.now().getTime(),
      onProgress: (done, total) => {
        bar ??= progressBar('importing', total);
        bar.update(done);
      },
    });
    bar?.stop();
    printRejections(summary.rejected, opts);
    if (summary.refused) {
      console.log(`${file}: refused, nothing stored: ${summary.rejected[0]!.reason}`);
      return IMPORT_EXIT.refused;
    }
    const accepted = summary.rowsRead - summary.rejected.length;
    if (!summary.committed) {
      console.log(
        `${file}: ${summary.rowsRead} rows read, ${summary.rejected.length} rejected, so nothing was stored; fix them, or rerun with --accept-partial to store the ${accepted} accepted rows`,
      );
      return IMPORT_EXIT.rejected;
    }
    const stored = summary.stored + summary.replaced + summary.unchanged;
    console.log(
      `${file}: ${summary.rowsRead} rows read, ${stored} accepted (${summary.stored} new, ${summary.replaced} updated, ${summary.unchanged} unchanged), ${summary.rejected.length} rejected; label ${summary.label}; ${deps.where(config)}`,
    );
    return IMPORT_EXIT.ok;
  } finally {
    await database.close();
  }
}

/** Reads the whole file without a database: the first rows as they would be stored, and every problem. */
async function dryRun(
  file: string,
  format: ImportFormat,
  reading: ImportReading,
  opts: ImportFlags,
): Promise<number> {
  const show = opts.dryRun === true ? 5 : Math.max(0, Number(opts.dryRun) || 0);
  const rejected: ImportRejectRow[] = [];
  let rowsRead = 0;
  let shown = 0;
  console.log(`dry run of ${file} (${format}); nothing is stored`);
  for await (const result of readImportFile(file, format, {
    ...reading,
    reportedAtMs: systemClock.now().getTime(),
  })) {
    rowsRead++;
    if (!result.ok) {
      rejected.push(rejectOf(result));
      continue;
    }
    const observation = opts.nation
      ? { ...result.observation, source: { ...result.observation.source, nation: opts.nation } }
      : result.observation;
    if (shown++ < show) console.log(`  row ${result.row}: ${describeObservation(observation)}`);
  }
  printRejections(rejected, opts);
  if (rejected.some((r) => r.refused)) {
    console.log(`${file}: would be refused: ${rejected[0]!.reason}`);
    return IMPORT_EXIT.refused;
  }
  const accepted = rowsRead - rejected.length;
  console.log(
    `${file}: ${rowsRead} rows read, ${accepted} would be stored, ${rejected.length} rejected${
      rejected.length > 0 && !opts.acceptPartial ? ' (without --accept-partial nothing would be stored)' : ''
    }`,
  );
  return rejected.length > 0 && !opts.acceptPartial ? IMPORT_EXIT.rejected : IMPORT_EXIT.ok;
}

/** One observation as the dry run shows it: who, when, what, where. */
export function describeObservation(o: Observation): string {
  const short = (ms: number) => new Date(ms).toISOString().replace(/:00\.000Z$|\.000Z$/, 'Z');
  // A whole day ends on its last millisecond: shown as until the next midnight.
  const until = (o.time.endMs + 1) % 60_000 === 0 ? o.time.endMs + 1 : o.time.endMs;
  const when =
    o.time.endMs === o.time.startMs
      ? short(o.time.startMs)
      : `${short(o.time.startMs)} until ${short(until)}`;
  const where =
    o.location.kind === 'point'
      ? `${o.location.position[0].toFixed(5)}, ${o.location.position[1].toFixed(5)} ±${o.location.radiusM} m`
      : `bearing ${o.location.bearingDeg}° ±${o.location.spreadDeg}° from ${o.location.observer[0].toFixed(5)}, ${o.location.observer[1].toFixed(5)}, ${o.location.minDistanceM}–${o.location.maxDistanceM} m`;
  const count = o.count > 1 ? ` ×${o.count}` : '';
  return `${o.uid} · ${o.source.kind} ${o.source.id} (${o.source.nation}) · ${when} · ${o.category.replaceAll('_', ' ')}${count} · ${where}`;
}

function printRejections(rejected: readonly ImportRejectRow[], opts: ImportFlags): void {
  const show = Number(opts.show) || 0;
  for (const r of rejected.slice(0, show)) console.error(`  row ${r.row}: ${r.field}: ${r.reason}`);
  if (rejected.length > show) console.error(`  … and ${rejected.length - show} more rejected rows`);
  if (opts.rejects) {
    writeRejects(opts.rejects, rejected);
    console.error(`  all ${rejected.length} rejected rows written to ${opts.rejects}`);
  }
}

function labelOf(text: string): Releasability {
  try {
    return parseReleasability(text);
  } catch (error) {
    throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
  }
}

function isEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** A shipped preset by name, or a preset file by path; `ucdp` is the UCDP GED format. */
export function loadPreset(nameOrPath: string): ImportPreset | 'ucdp' {
  try {
    return loadPresetFile(nameOrPath);
  } catch (error) {
    if (error instanceof PresetError) throw new InvalidArgumentError(`--preset ${error.message}`);
    throw error;
  }
}

/** The preset's mapping with the flags laid over it, or undefined when neither says anything. */
async function mappingOf(
  preset: ImportPreset | undefined,
  opts: ImportFlags,
  format: ImportFormat,
): Promise<ImportMapping | undefined> {
  const mappingFlags = [opts.map, opts.set, opts.values].some((f) => f && f.length > 0) || opts.uidFrom;
  if (format === 'ucdp') {
    if (mappingFlags || opts.zone || opts.dateOrder)
      throw new InvalidArgumentError(
        'UCDP GED is read as published: --map, --set, --values, --uid-from, --zone and --date-order do not apply',
      );
    return undefined;
  }
  const values = [];
  for (const spec of opts.values ?? []) {
    const colon = spec.indexOf(':');
    if (colon <= 0)
      throw new InvalidArgumentError(
        `--values ${spec}: write field=column:table, e.g. category=event_type:types.csv`,
      );
    values.push({ spec: spec.slice(0, colon), table: await valueTable(spec, spec.slice(colon + 1)) });
  }
  const built = mappingFromFlags(preset?.mapping, {
    ...(opts.map ? { map: opts.map } : {}),
    ...(opts.set ? { set: opts.set } : {}),
    values,
    ...(opts.uidFrom ? { uidFrom: opts.uidFrom.split(',').map((c) => c.trim()) } : {}),
    ...(opts.zone ? { zone: opts.zone } : {}),
    ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}),
    ...(opts.nation ? { nation: opts.nation } : {}),
  });
  if (!built.ok) throw new InvalidArgumentError(built.reasons.map((r) => reasonIn(words, r)).join('\n  '));
  return built.mapping;
}

/** A value table from a two-column CSV file with a header, or inline `a=b;c=d`. */
async function valueTable(spec: string, table: string): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  if (existsSync(table)) {
    let header = true;
    for await (const record of csvRecords(readFileSync(table, 'utf8'), { bytesRead: 0 })) {
      if ('error' in record)
        throw new InvalidArgumentError(`--values ${spec}: ${table} line ${record.line}: ${record.error}`);
      if (header) {
        header = false;
        continue;
      }
      if (record.fields.length < 2)
        throw new InvalidArgumentError(
          `--values ${spec}: ${table} line ${record.line}: give two columns, the file's value and the field's`,
        );
      values[record.fields[0]!] = record.fields[1]!;
    }
    return values;
  }
  const inline = inlineValueTable(table);
  if (!inline)
    throw new InvalidArgumentError(
      `--values ${spec}: '${table}' is neither a file nor an inline table like 'Armed clash=burst_and_shots;*=other'`,
    );
  return inline;
}

function savePreset(path: string, format: ImportFormat, mapping: ImportMapping | undefined): void {
  if (format === 'ucdp') throw new InvalidArgumentError('--save-preset: UCDP GED has no mapping to save');
  const preset: ImportPreset = {
    name: basename(path).replace(/\.json$/i, ''),
    description: `saved by guarantor import on ${systemClock.now().toISOString().slice(0, 10)}`,
    format,
    mapping: mapping ?? {},
  };
  writeFileSync(path, `${JSON.stringify(preset, null, 2)}\n`);
}
