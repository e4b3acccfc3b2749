import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { VectorTile } from '@mapbox/vector-tile';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { PbfReader } from 'pbf';

/**
 * A response as the text a reader could read out of it: JSON and CSV as they are, XLSX as
 * every cell's value, PDF as pdftotext extracts it, a vector tile as its decoded features
 * (properties and geometry in tile coordinates), a zip (a TAK data package) as each entry's name
 * and text.
 */
export async function readableText(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('application/pdf')) return pdfText(res.rawPayload);
  if (type.includes('spreadsheetml')) return xlsxText(res.rawPayload);
  if (type.includes('vector-tile')) return JSON.stringify(tileFeatures(res.rawPayload));
  if (type.includes('application/zip')) return zipText(res.rawPayload);
  if (type.includes('geopackage')) return geoPackageText(res.rawPayload);
  return res.body;
}

/**
 * Every row of every table of a GeoPackage, as text; a geometry as the four numbers of its
 * envelope (a point's envelope is the point), so coordinates show as they would in a GIS.
 */
export function geoPackageText(gpkg: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'gpkg-text-'));
  const file = join(folder, 'x.gpkg');
  writeFileSync(file, gpkg);
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
      name: string;
    }[];
    return tables
      .map(({ name }) => {
        const rows = db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
        return [
          `# ${name}`,
          ...rows.map((row) =>
            Object.values(row)
              .map((v) =>
                v instanceof Uint8Array
                  ? [8, 16, 24, 32].map((o) => Buffer.from(v).readDoubleLE(o)).join(' ')
                  : String(v),
              )
              .join('\t'),
          ),
        ].join('\n');
      })
      .join('\n');
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every entry of a zip: its name, then its content as UTF-8 text. */
export function zipText(zip: Buffer): string {
  return Object.entries(unzipSync(new Uint8Array(zip)))
    .map(([name, bytes]) => `# ${name}\n${strFromU8(bytes)}`)
    .join('\n');
}

/**
 * The text of a PDF (poppler's pdftotext, as a reader's viewer would show it). Run without
 * blocking: the access matrix reads as several readers at once, and the server goes on
 * answering the others on this process's core while pdftotext works on the other.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftotext',
      ['-q', '-', '-'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout.toString('utf8'))),
    );
    // A pdftotext that stops reading fails with its own exit status above; no EPIPE on top.
    child.stdin!.on('error', () => {});
    child.stdin!.end(pdf);
  });
}

/** Every cell of every sheet, tab-separated, a line per row. */
export async function xlsxText(xlsx: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(`# ${sheet.name}`);
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        cells.push(cell.text);
      });
      lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

/** A vector tile's features, layer by layer, with properties and geometry. */
export function tileFeatures(body: Buffer): Record<string, unknown[]> {
  if (body.length === 0) return {};
  const tile = new VectorTile(new PbfReader(body));
  const out: Record<string, unknown[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      return { id: f.id, properties: f.properties, geometry: f.loadGeometry() };
    });
  }
  return out;
}
