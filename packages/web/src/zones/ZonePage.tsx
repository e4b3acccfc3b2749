import type { User, ZoneProperties, ZoneVersion } from '@guarantor/core/api';
import type { Feature, Geometry } from 'geojson';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatUtc } from '../i18n/format.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { WEAPON_CLASSES, weaponClassName, zoneKindName } from '../words.ts';
import { zonesApi } from './api.ts';
import { zoneFieldName } from './words.ts';
import { mayEditZones, validity } from './ZonesPage.tsx';

const utc = formatUtc;
/** A date input's value: the ISO day ("2026-11-20"), whatever the language. */
const isoDay = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');

/** The attributes an edit changes; the shape and the kind stay. */
interface Attributes {
  readonly name: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly weaponClasses: readonly string[];
}

/** One zone: its attributes, an edit form (cell staff, analysts), every version and its audit entries. */
export function ZonePage({ id, user }: { readonly id: string; readonly user: User }) {
  const { t } = useTranslation('zones');
  const [version, setVersion] = useState(0);
  const load = useLoad(`zone:${id}:${version}`, async (signal) => {
    const [zones, versions] = await Promise.all([zonesApi.zones(signal), zonesApi.versions(id, signal)]);
    const zone = zones.features.find((f) => f.properties.id === id);
    if (!zone) throw new ApiError(404, 'not_found', t('zone.notFound', { id }));
    return { zone, versions: versions.versions };
  });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.state === 'loading') return <p className="page-status">{t('zone.loading')}</p>;
  const { zone, versions } = load.data;
  const z = zone.properties;
  return (
    <main className="page" data-testid="zone-page">
      <p className="crumbs">
        <a href="#/zones">{t('list.title')}</a>
      </p>
      <h1 title={t('idTitle', { id: z.id })}>{z.name}</h1>
      <p className="summary">
        {t('zone.summary', {
          kind: zoneKindName(z.kind),
          validity: validity(z),
          version: z.version,
          releasability: z.releasability,
        })}
        {z.weaponClasses.length > 0
          ? t('zone.forbids', { weapons: z.weaponClasses.map(weaponClassName).join(', ') })
          : ''}
        .
      </p>
      <OutcomeBanner outcome={outcome} />
      {mayEditZones(user) ? (
        <EditZone
          key={`${z.id}:${z.version}`}
          zone={zone as Feature<Geometry, ZoneProperties>}
          onSaved={(o) => {
            setOutcome(o);
            setVersion((v) => v + 1);
          }}
          onRefused={setOutcome}
        />
      ) : (
        <p className="muted">{t('zone.editNeedsRole')}</p>
      )}
      <h2>{t('zone.versions')}</h2>
      <VersionTable versions={versions} />
      <AuditTrail
        title={t('zone.auditTitle')}
        entity="zone"
        entityId={z.id}
        refresh={version}
        empty={t('zone.auditEmpty')}
      />
    </main>
  );
}

function VersionTable({ versions }: { readonly versions: readonly ZoneVersion[] }) {
  const { t } = useTranslation('zones');
  if (versions.length === 0) return <p className="muted">{t('zone.noVersions')}</p>;
  return (
    <table className="grid" data-testid="zone-versions">
      <TableHead
        columns={[
          t('table.version'),
          t('table.when'),
          t('table.by'),
          t('table.name'),
          t('table.valid'),
          t('table.weapons'),
          t('table.releasableTo'),
        ]}
      />
      <tbody>
        {[...versions].reverse().map((v) => (
          <tr key={v.version}>
            <td>
              {v.version} ({t(`change.${v.change}` as 'change.created', { defaultValue: v.change })})
            </td>
            <td>{utc(v.at)}</td>
            <td>
              {v.actor ?? t('zone.system')}
              {v.nation ? ` (${v.nation})` : ''}
            </td>
            <td>{v.name}</td>
            <td>{validity(v)}</td>
            <td>{v.weaponClasses.map(weaponClassName).join(', ') || '—'}</td>
            <td>{v.releasability}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EditZone({
  zone,
  onSaved,
  onRefused,
}: {
  readonly zone: Feature<Geometry, ZoneProperties>;
  readonly onSaved: (o: Outcome) => void;
  readonly onRefused: (o: Outcome) => void;
}) {
  const { t } = useTranslation('zones');
  const z = zone.properties;
  const [form, setForm] = useState<Attributes>({
    name: z.name,
    validFrom: isoDay(z.validFrom),
    validTo: isoDay(z.validTo),
    weaponClasses: z.weaponClasses,
  });
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [pending, setPending] = useState<readonly string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const withdrawal = z.kind === 'weapons_withdrawal';

  function changes(): string[] {
    const out: string[] = [];
    if (form.name.trim() !== z.name) out.push(t('edit.changeName', { from: z.name, to: form.name.trim() }));
    if (form.validFrom !== isoDay(z.validFrom) || form.validTo !== isoDay(z.validTo))
      out.push(
        t('edit.changeValid', {
          from: validity(z),
          to: validity({ validFrom: form.validFrom || null, validTo: form.validTo || null }),
        }),
      );
    if ([...form.weaponClasses].sort().join() !== [...z.weaponClasses].sort().join())
      out.push(t('edit.changeWeapons', { weapons: form.weaponClasses.map(weaponClassName).join(', ') }));
    return out;
  }

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (!form.name.trim()) found.push({ field: t('table.name'), message: t('edit.needName') });
    if (form.validFrom && form.validTo && form.validTo <= form.validFrom)
      found.push({ field: t('edit.validTo'), message: t('edit.toAfterFrom') });
    if (withdrawal && form.weaponClasses.length === 0)
      found.push({ field: t('table.weapons'), message: t('edit.needWeapon') });
    if (found.length === 0 && changes().length === 0)
      found.push({ field: t('edit.zone'), message: t('edit.nothingChanged') });
    return found;
  }

  async function save() {
    setBusy(true);
    try {
      const result = await zonesApi.save(z.id, {
        type: 'Feature',
        properties: {
          kind: z.kind,
          name: form.name.trim(),
          weaponClasses: withdrawal ? form.weaponClasses : [],
          validFrom: form.validFrom ? `${form.validFrom}T00:00:00Z` : null,
          validTo: form.validTo ? `${form.validTo}T00:00:00Z` : null,
          illustrative: z.illustrative,
          releasability: z.releasability,
        },
        geometry: zone.geometry,
      });
      onSaved({
        ok: true,
        text:
          result.updated.length > 0
            ? t('edit.saved', {
                name: form.name.trim(),
                version: z.version + 1,
                changes: pending?.join('; '),
              })
            : t('edit.unchanged'),
      });
    } catch (error) {
      onRefused(refusal(error, zoneFieldName));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  return (
    <>
      <form
        className="form-card"
        aria-label={t('edit.title')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = check();
          setProblems(found);
          if (found.length === 0) setPending(changes());
        }}
      >
        <h3>{t('edit.title')}</h3>
        <p className="muted">{t('edit.shapeStays')}</p>
        <ProblemList problems={problems} />
        <label className="field">
          {t('table.name')}
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          {t('edit.validFrom')} <span className="hint">{t('edit.validFromHint')}</span>
          <input
            type="date"
            name="validFrom"
            value={form.validFrom}
            onChange={(e) => setForm({ ...form, validFrom: e.target.value })}
          />
        </label>
        <label className="field">
          {t('edit.validTo')} <span className="hint">{t('edit.validToHint')}</span>
          <input
            type="date"
            name="validTo"
            value={form.validTo}
            onChange={(e) => setForm({ ...form, validTo: e.target.value })}
          />
        </label>
        {withdrawal && (
          <fieldset>
            <legend>{t('table.weapons')}</legend>
            {WEAPON_CLASSES.map((w) => (
              <label key={w} className="check" title={w}>
                <input
                  type="checkbox"
                  checked={form.weaponClasses.includes(w)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      weaponClasses: e.target.checked
                        ? [...form.weaponClasses, w]
                        : form.weaponClasses.filter((x) => x !== w),
                    })
                  }
                />{' '}
                {weaponClassName(w)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('edit.submit')}
          </button>
        </div>
      </form>
      {pending && (
        <Confirm
          question={
            <Trans
              t={t}
              i18nKey="edit.confirm"
              values={{ version: z.version + 1, name: z.name, changes: pending.join('; ') }}
              components={{ b: <strong /> }}
            />
          }
          confirmLabel={t('edit.confirmLabel')}
          busy={busy}
          onConfirm={() => void save()}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}
