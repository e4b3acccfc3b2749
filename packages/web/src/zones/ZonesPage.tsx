import type { User, ZoneImportSummary, ZoneProblem, ZoneProperties } from '@guarantor/core/api';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatDay } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
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
  const day = formatDay;
  if (!p.validFrom && !p.validTo) return i18n.t('zones:validity.always');
  if (p.validFrom && p.validTo)
    return i18n.t('zones:validity.between', { from: day(p.validFrom), to: day(p.validTo) });
  return p.validFrom
    ? i18n.t('zones:validity.from', { from: day(p.validFrom) })
    : i18n.t('zones:validity.until', { to: day(p.validTo!) });
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
  const { t } = useTranslation('zones');
  const [version, setVersion] = useState(0);
  const zones = useLoad(`zones:${version}`, (signal) => zonesApi.zones(signal));
  const editor = mayEditZones(user);
  if (zones.state === 'error') return <ErrorPanel error={zones.error} />;
  return (
    <main className="page" data-testid="zones-page">
      <div className="page-head">
        <h1>{t('list.title')}</h1>
      </div>
      <p className="summary">{t('list.summary')}</p>
      {editor ? (
        <ImportSection onImported={() => setVersion((v) => v + 1)} nation={user.nation} />
      ) : (
        <p className="muted">{t('list.editNeedsRole')}</p>
      )}
      <h2>{t('list.visible')}</h2>
      <Downloads list="/api/zones" what="these zones" geo />
      {zones.state === 'loading' ? (
        <p className="muted">{t('list.loading')}</p>
      ) : zones.data.features.length === 0 ? (
        <p className="muted">
          {t('list.none')} {editor ? t('list.noneImport') : t('list.noneAsk')}
        </p>
      ) : (
        <table className="grid" data-testid="zones-table">
          <TableHead
            columns={[
              t('table.name'),
              t('table.kind'),
              t('table.valid'),
              t('table.weapons'),
              t('table.version'),
              t('table.releasableTo'),
            ]}
          />
          <tbody>
            {zones.data.features.map(({ properties: z }) => (
              <tr key={z.id}>
                <td>
                  <a href={href({ page: 'zone', id: z.id })} title={t('idTitle', { id: z.id })}>
                    {z.name}
                  </a>
                  {z.illustrative && <span className="muted"> {t('list.illustrative')}</span>}
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
        title={t('list.auditTitle')}
        entity="zone"
        limit={15}
        refresh={version}
        empty={t('list.auditEmpty')}
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
  const { t } = useTranslation('zones');
  const [sector, setSector] = useState('');
  const [incidents, setIncidents] = useState(false);
  const query = new URLSearchParams({
    ...(sector ? { sector } : {}),
    ...(incidents ? { incidents: 'true' } : {}),
  }).toString();
  const chosen = sectors.find((s) => s.id === sector);
  return (
    <section className="form-card" aria-label={t('tak.label')} data-testid="tak-package">
      <h3>{t('tak.title')}</h3>
      <p>
        <Trans t={t} i18nKey="tak.text" components={{ em: <em /> }} />
      </p>
      <div>
        <label className="field">
          {t('tak.team')}
          <select value={sector} onChange={(e) => setSector(e.target.value)} data-testid="tak-sector">
            <option value="">{t('tak.everySector')}</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={incidents} onChange={(e) => setIncidents(e.target.checked)} />{' '}
          {chosen ? t('tak.withSectorIncidents') : t('tak.withIncidents')}
        </label>
      </div>
      <p className="muted">{t('tak.feed')}</p>
      <a href={`/api/tak/package.zip${query ? `?${query}` : ''}`} download data-testid="tak-download">
        {chosen ? t('tak.downloadFor', { name: chosen.name }) : t('tak.download')}
      </a>
    </section>
  );
}

/** The import form and what came of the last import. */
function ImportSection({ onImported, nation }: { readonly onImported: () => void; readonly nation: string }) {
  const { t } = useTranslation('zones');
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
      setFileProblem(t('import.notJson', { file: chosen.name, error: (error as Error).message }));
      return;
    }
    const body = parsed as { type?: unknown; features?: unknown };
    if (body?.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
      setFileProblem(t('import.notCollection', { file: chosen.name }));
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
    if (!file) found.push({ field: t('import.file'), message: fileProblem ?? t('import.chooseFile') });
    else if (file.body.features.length === 0)
      found.push({ field: t('import.file'), message: t('import.noFeatures') });
    if (file && !nameField && !file.properties.includes('name'))
      found.push({ field: t('import.nameFrom'), message: t('import.noName') });
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
        text: `${t('import.done', {
          file: file.fileName,
          read: t('features', { count: result.read }),
          created: result.created.length,
          updated: result.updated.length,
          unchanged: result.unchanged.length,
        })}${result.skipped.length ? t('import.doneSkipped', { count: result.skipped.length }) : ''}. ${t('import.doneAudit')}`,
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
          text: t('import.refused', { file: file.fileName, problems: t('problems', { count: list.length }) }),
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
    <section aria-label={t('import.sectionLabel')}>
      <form
        className="form-card"
        aria-label={t('import.title')}
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
        <h3>{t('import.title')}</h3>
        <p className="muted">
          <Trans
            t={t}
            i18nKey="import.text"
            values={{ nation }}
            components={{ code: <span className="code" /> }}
          />
        </p>
        <ProblemList problems={problems} />
        <label className="field">
          {t('import.file')}
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
            {t('import.fileRead', {
              file: file.fileName,
              features: t('features', { count: file.body.features.length }),
              properties: file.properties.join(', ') || t('import.noProperties'),
            })}
          </p>
        )}
        <label className="field">
          {t('import.kind')} <span className="hint">{t('import.kindHint')}</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('import.kindEach')}</option>
            {ZONE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t('import.kindAll', { kind: zoneKindName(k) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('import.nameFrom')}
          <select name="nameField" value={nameField} onChange={(e) => setNameField(e.target.value)}>
            <option value="">{t('import.property', { name: 'name' })}</option>
            {(file?.properties ?? [])
              .filter((k) => k !== 'name')
              .map((k) => (
                <option key={k} value={k}>
                  {t('import.property', { name: k })}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          {t('import.idFrom')} <span className="hint">{t('import.idHint')}</span>
          <select name="idField" value={idField} onChange={(e) => setIdField(e.target.value)}>
            <option value="">{t('import.idDefault')}</option>
            {(file?.properties ?? [])
              .filter((k) => k !== 'id')
              .map((k) => (
                <option key={k} value={k}>
                  {t('import.property', { name: k })}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          {t('table.releasableTo')} <span className="hint">{t('import.releasabilityHint')}</span>
          <select
            name="releasability"
            value={releasability}
            onChange={(e) => setReleasability(e.target.value)}
          >
            <option value="COALITION">{t('import.toCoalition')}</option>
            <option value="PUBLIC">{t('import.toPublic')}</option>
            <option value={`NATIONAL ${nation}`}>{t('import.toNation', { nation })}</option>
          </select>
        </label>
        <label className="check" style={{ marginTop: 12 }}>
          <input
            type="checkbox"
            name="skipWrongGeometry"
            checked={skip}
            onChange={(e) => setSkip(e.target.checked)}
          />{' '}
          {t('import.skip')}
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('import.submit')}
          </button>
        </div>
      </form>
      {pending && file && (
        <Confirm
          question={
            <>
              <Trans
                t={t}
                i18nKey="import.confirm"
                values={{
                  features: t('features', { count: file.body.features.length }),
                  file: file.fileName,
                }}
                components={{ b: <strong /> }}
              />
              {pending.kind ? t('import.confirmKind', { kind: zoneKindName(pending.kind) }) : ''}
              {t('import.confirmNames', { field: pending.nameField ?? 'name' })}
              {pending.idField ? t('import.confirmIds', { field: pending.idField }) : ''}
              {pending.skipWrongGeometry ? t('import.confirmSkip') : ''}
              {t('question')} {t('import.confirmNothing')}
            </>
          }
          confirmLabel={t('import.confirmLabel')}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setPending(null)}
        />
      )}
      <OutcomeBanner outcome={outcome} />
      {refused && (
        <section aria-label={t('import.problemsLabel')} data-testid="import-problems">
          <div className="action-bar">
            <h3 style={{ margin: 0 }}>
              {t('import.problemsIn', {
                problems: t('problems', { count: refused.length }),
                file: file?.fileName,
              })}
            </h3>
            <button type="button" onClick={download}>
              {t('import.downloadCsv')}
            </button>
          </div>
          <ProblemTable problems={refused} names={names} />
        </section>
      )}
      {summary && summary.skipped.length > 0 && (
        <section aria-label={t('import.skippedLabel')} data-testid="import-skipped">
          <h3>{t('import.skipped', { count: summary.skipped.length })}</h3>
          <ProblemTable problems={summary.skipped} names={names} />
        </section>
      )}
      {summary && summary.created.length + summary.updated.length > 0 && (
        <p data-testid="import-stored">
          {t('import.stored')}{' '}
          {[...summary.created, ...summary.updated].map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <a href={href({ page: 'zone', id })} title={t('idTitle', { id })}>
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
  const { t } = useTranslation('zones');
  return (
    <table className="grid">
      <TableHead columns={[t('problemTable.where'), t('problemTable.field'), t('problemTable.problem')]} />
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
