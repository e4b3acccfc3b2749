import type { User, ZoneImportSummary, ZoneProblem, ZoneProperties } from '@guarantor/core/api';
import { useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { href } from '../router.ts';
import { TableHead } from '../TableHead.tsx';
import { weaponClassName, ZONE_KINDS, zoneKindName } from '../words.ts';
import { type ImportOptions, zonesApi } from './api.ts';
import { featureName, problemsCsv, problemWords, zoneFieldName } from './words.ts';

/** Who may import and edit zones (the server's rule for POST /api/zones/import and PUT). */
export const mayEditZones = (user: User) =>
  user.roles.includes('cell_staff') || user.roles.includes('analyst');

/** "from 20 Nov 2026" / "always". */
export function validity(p: Pick<ZoneProperties, 'validFrom' | 'validTo'>): string {
  const day = (iso: string) => iso.slice(0, 10);
  if (!p.validFrom && !p.validTo) return 'always';
  if (p.validFrom && p.validTo) return `${day(p.validFrom)} to ${day(p.validTo)}`;
  return p.validFrom ? `from ${day(p.validFrom)}` : `until ${day(p.validTo!)}`;
}

/** A zone file as read in the browser: its features, their property names, and each one's name. */
interface ReadFile {
  readonly fileName: string;
  readonly body: { readonly type: 'FeatureCollection'; readonly features: readonly unknown[] };
  readonly properties: readonly string[];
}

const propsOf = (feature: unknown): Record<string, unknown> => {
  const p = (feature as { properties?: unknown } | null)?.properties;
  return typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
};

/** Each feature's name as the chosen property gives it, for naming features in problems. */
function featureNames(file: ReadFile | null, nameField: string): (string | null)[] {
  return (file?.body.features ?? []).map((f) => {
    const v = propsOf(f)[nameField || 'name'];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  });
}

/**
 * Zones: every zone the reader may see, with its kind, validity and version in words; for cell
 * staff and analysts, importing a GeoJSON file laid out by anyone, with every problem listed
 * (and downloadable as CSV) when the file is refused, and features left out shown.
 */
export function ZonesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const zones = useLoad(`zones:${version}`, (signal) => zonesApi.zones(signal));
  const editor = mayEditZones(user);
  if (zones.state === 'error') return <ErrorPanel error={zones.error} />;
  return (
    <main className="page" data-testid="zones-page">
      <div className="page-head">
        <h1>Zones</h1>
      </div>
      <p className="summary">
        The line of contact, the buffer zone, weapons-withdrawal zones and monitoring sectors. Incidents are
        counted per sector and day against them, and the ceasefire gate reads those counts.
      </p>
      {editor ? (
        <ImportSection onImported={() => setVersion((v) => v + 1)} nation={user.nation} />
      ) : (
        <p className="muted">Importing and editing zones needs the role cell staff officer or analyst.</p>
      )}
      <h2>Zones you may see</h2>
      <Downloads list="/api/zones" what="these zones" geo />
      {zones.state === 'loading' ? (
        <p className="muted">Loading zones…</p>
      ) : zones.data.features.length === 0 ? (
        <p className="muted">
          No zones yet.{' '}
          {editor ? 'Import a GeoJSON file of zones above.' : 'Ask a cell staff officer to import them.'}
        </p>
      ) : (
        <table className="grid" data-testid="zones-table">
          <TableHead columns={['Name', 'Kind', 'Valid', 'Weapons withdrawn', 'Version', 'Releasable to']} />
          <tbody>
            {zones.data.features.map(({ properties: z }) => (
              <tr key={z.id}>
                <td>
                  <a href={href({ page: 'zone', id: z.id })} title={`id ${z.id}`}>
                    {z.name}
                  </a>
                  {z.illustrative && <span className="muted"> (illustrative)</span>}
                </td>
                <td>{zoneKindName(z.kind)}</td>
                <td>{validity(z)}</td>
                <td>{z.weaponClasses.map(weaponClassName).join(', ') || '—'}</td>
                <td>{z.version}</td>
                <td>{z.releasability}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {zones.state === 'ready' && zones.data.features.length > 0 && (
        <TakSection
          sectors={zones.data.features.map((f) => f.properties).filter((z) => z.kind === 'sector')}
        />
      )}
      <AuditTrail
        title="Recent changes to zones"
        entity="zone"
        limit={15}
        refresh={version}
        empty="No zone has been created or changed yet."
      />
    </main>
  );
}

/**
 * A TAK data package of the zones for field teams: for all sectors or one, optionally with the
 * verified incidents. A download, so no confirmation; the server builds it from what the user
 * may see.
 */
function TakSection({ sectors }: { readonly sectors: readonly ZoneProperties[] }) {
  const [sector, setSector] = useState('');
  const [incidents, setIncidents] = useState(false);
  const query = new URLSearchParams({
    ...(sector ? { sector } : {}),
    ...(incidents ? { incidents: 'true' } : {}),
  }).toString();
  const chosen = sectors.find((s) => s.id === sector);
  return (
    <section className="form-card" aria-label="TAK data package" data-testid="tak-package">
      <h3>Take the zones into ATAK, WinTAK or iTAK</h3>
      <p>
        A TAK data package holds every zone you may see, as shapes a field team can carry offline, and the
        same zones as a KML overlay. In ATAK open <em>Import</em> and choose the file; in WinTAK drag it onto
        the map.
      </p>
      <div>
        <label className="field">
          For a team in
          <select value={sector} onChange={(e) => setSector(e.target.value)} data-testid="tak-sector">
            <option value="">every sector</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={incidents} onChange={(e) => setIncidents(e.target.checked)} /> with
          the verified incidents{chosen ? ' of this sector' : ''}
        </label>
      </div>
      <p className="muted">
        With a sector chosen, the package also connects the device to that sector's live CoT feed, if this
        server runs one for your nation.
      </p>
      <a href={`/api/tak/package.zip${query ? `?${query}` : ''}`} download data-testid="tak-download">
        Download the TAK data package{chosen ? ` for ${chosen.name}` : ''}
      </a>
    </section>
  );
}

/** The import form and what came of the last import. */
function ImportSection({ onImported, nation }: { readonly onImported: () => void; readonly nation: string }) {
  const [file, setFile] = useState<ReadFile | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [kind, setKind] = useState('');
  const [nameField, setNameField] = useState('');
  const [idField, setIdField] = useState('');
  const [skip, setSkip] = useState(false);
  const [releasability, setReleasability] = useState('COALITION');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [pending, setPending] = useState<ImportOptions | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refused, setRefused] = useState<readonly ZoneProblem[] | null>(null);
  const [summary, setSummary] = useState<ZoneImportSummary | null>(null);
  const names = featureNames(file, nameField);

  async function pick(chosen: File | undefined) {
    setFile(null);
    setFileProblem(null);
    setRefused(null);
    setSummary(null);
    setOutcome(null);
    if (!chosen) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await chosen.text());
    } catch (error) {
      setFileProblem(`${chosen.name} is not JSON: ${(error as Error).message}. Choose a GeoJSON file.`);
      return;
    }
    const body = parsed as { type?: unknown; features?: unknown };
    if (body?.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
      setFileProblem(
        `${chosen.name} is not a GeoJSON FeatureCollection (its "type" must be "FeatureCollection").`,
      );
      return;
    }
    const keys = new Set<string>();
    for (const f of body.features.slice(0, 500)) for (const k of Object.keys(propsOf(f))) keys.add(k);
    const properties = [...keys].sort();
    setFile({ fileName: chosen.name, body: body as ReadFile['body'], properties });
    // Defaults: the properties the API reads when told nothing, else a likely one.
    setNameField(keys.has('name') ? '' : (properties.find((k) => /name/i.test(k)) ?? ''));
    setIdField('');
  }

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (!file) found.push({ field: 'Zone file', message: fileProblem ?? 'choose a GeoJSON file' });
    else if (file.body.features.length === 0) found.push({ field: 'Zone file', message: 'has no features' });
    if (file && !nameField && !file.properties.includes('name'))
      found.push({
        field: 'Name from',
        message: 'no feature has a "name" property; choose the property that holds the name',
      });
    return found;
  }

  async function send() {
    if (!pending || !file) return;
    setBusy(true);
    try {
      const result = await zonesApi.importFile(file.body, pending);
      setSummary(result);
      setRefused(null);
      setOutcome({
        ok: true,
        text: `Imported ${file.fileName}: ${plural(result.read, 'feature')} read, ${result.created.length} created, ${result.updated.length} changed, ${result.unchanged.length} unchanged${result.skipped.length ? `, ${result.skipped.length} left out (listed below)` : ''}. The audit log below records each change.`,
      });
      onImported();
    } catch (error) {
      const list =
        (error instanceof ApiError &&
          (error.details as { problems?: ZoneProblem[] } | undefined)?.problems) ||
        null;
      if (list) {
        setRefused(list);
        setOutcome({
          ok: false,
          text: `${file.fileName} was not imported and nothing was stored: ${plural(list.length, 'problem')}, all listed below. Fix them in the file (or change the choices above) and import it again.`,
        });
      } else setOutcome(refusal(error));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const download = () => {
    if (!refused || !file) return;
    const blob = new Blob([problemsCsv(refused, names)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${file.fileName.replace(/\.[^.]*$/, '')}-problems.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <section aria-label="Import zones">
      <form
        className="form-card"
        aria-label="Import a zone file"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = check();
          setProblems(found);
          setOutcome(null);
          if (found.length === 0)
            setPending({
              kind: kind || null,
              nameField: nameField || null,
              idField: idField || null,
              skipWrongGeometry: skip,
              releasability,
            });
        }}
      >
        <h3>Import a zone file</h3>
        <p className="muted">
          A GeoJSON file of zones, laid out as its publisher lays it out. The whole file is stored or nothing
          is; zones you create are yours (stored as <span className="code">id@{nation}</span>), and a zone
          already there with the same id gets a new version.
        </p>
        <ProblemList problems={problems} />
        <label className="field">
          Zone file
          <input
            type="file"
            name="zoneFile"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        {fileProblem && <p className="form-error">{fileProblem}</p>}
        {file && (
          <p className="muted" data-testid="file-read">
            {file.fileName}: {plural(file.body.features.length, 'feature')}; properties{' '}
            {file.properties.join(', ') || 'none'}.
          </p>
        )}
        <label className="field">
          Kind of zone <span className="hint">for features whose own “kind” property is missing</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">as each feature says (its “kind” property)</option>
            {ZONE_KINDS.map((k) => (
              <option key={k} value={k}>
                all: {zoneKindName(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Name from
          <select name="nameField" value={nameField} onChange={(e) => setNameField(e.target.value)}>
            <option value="">the “name” property</option>
            {(file?.properties ?? [])
              .filter((k) => k !== 'name')
              .map((k) => (
                <option key={k} value={k}>
                  the “{k}” property
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Id from <span className="hint">ids are made lower case: UA-14 becomes ua-14</span>
          <select name="idField" value={idField} onChange={(e) => setIdField(e.target.value)}>
            <option value="">the “id” property, else the feature's id, else the name</option>
            {(file?.properties ?? [])
              .filter((k) => k !== 'id')
              .map((k) => (
                <option key={k} value={k}>
                  the “{k}” property
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Releasable to <span className="hint">for features that carry no releasability of their own</span>
          <select
            name="releasability"
            value={releasability}
            onChange={(e) => setReleasability(e.target.value)}
          >
            <option value="COALITION">the coalition</option>
            <option value="PUBLIC">the public</option>
            <option value={`NATIONAL ${nation}`}>my nation only ({nation})</option>
          </select>
        </label>
        <label className="check" style={{ marginTop: 12 }}>
          <input
            type="checkbox"
            name="skipWrongGeometry"
            checked={skip}
            onChange={(e) => setSkip(e.target.checked)}
          />{' '}
          Leave out features whose shape does not fit their kind (a point in a file of sectors) and list them,
          instead of refusing the file
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            Check and import…
          </button>
        </div>
      </form>
      {pending && file && (
        <Confirm
          question={
            <>
              Import {plural(file.body.features.length, 'feature')} from <strong>{file.fileName}</strong>
              {pending.kind ? ` as ${zoneKindName(pending.kind)}s` : ''}, names from “
              {pending.nameField ?? 'name'}”{pending.idField ? `, ids from “${pending.idField}”` : ''}
              {pending.skipWrongGeometry ? ', leaving out features of the wrong shape' : ''}? Nothing is
              stored if any feature has a problem.
            </>
          }
          confirmLabel="Import the file"
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setPending(null)}
        />
      )}
      <OutcomeBanner outcome={outcome} />
      {refused && (
        <section aria-label="Problems in the file" data-testid="import-problems">
          <div className="action-bar">
            <h3 style={{ margin: 0 }}>
              {plural(refused.length, 'problem')} in {file?.fileName}
            </h3>
            <button type="button" onClick={download}>
              Download the list (CSV)
            </button>
          </div>
          <ProblemTable problems={refused} names={names} />
        </section>
      )}
      {summary && summary.skipped.length > 0 && (
        <section aria-label="Features left out" data-testid="import-skipped">
          <h3>{plural(summary.skipped.length, 'feature')} left out</h3>
          <ProblemTable problems={summary.skipped} names={names} />
        </section>
      )}
      {summary && summary.created.length + summary.updated.length > 0 && (
        <p data-testid="import-stored">
          Stored:{' '}
          {[...summary.created, ...summary.updated].map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <a href={href({ page: 'zone', id })} title={`id ${id}`}>
                {id}
              </a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function ProblemTable({
  problems,
  names,
}: {
  readonly problems: readonly ZoneProblem[];
  readonly names: readonly (string | null)[];
}) {
  return (
    <table className="grid">
      <TableHead columns={['Where', 'Field', 'Problem']} />
      <tbody>
        {problems.map((p) => (
          <tr key={`${p.feature}:${p.field}:${p.code}`}>
            <td>{featureName(p.feature, names)}</td>
            <td title={p.field}>{zoneFieldName(p.field)}</td>
            <td title={`${p.code}: ${p.message}`}>{problemWords(p.message)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
