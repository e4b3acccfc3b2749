import type { User, ZoneProperties, ZoneVersion } from '@guarantor/core/api';
import type { Feature, Geometry } from 'geojson';
import { useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatDay, formatUtc } from '../i18n/format.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { WEAPON_CLASSES, weaponClassName, zoneKindName } from '../words.ts';
import { zonesApi } from './api.ts';
import { zoneFieldName } from './words.ts';
import { mayEditZones, validity } from './ZonesPage.tsx';

const utc = formatUtc;
const day = formatDay;

/** The attributes an edit changes; the shape and the kind stay. */
interface Attributes {
  readonly name: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly weaponClasses: readonly string[];
}

/** One zone: its attributes, an edit form (cell staff, analysts), every version and its audit entries. */
export function ZonePage({ id, user }: { readonly id: string; readonly user: User }) {
  const [version, setVersion] = useState(0);
  const load = useLoad(`zone:${id}:${version}`, async (signal) => {
    const [zones, versions] = await Promise.all([zonesApi.zones(signal), zonesApi.versions(id, signal)]);
    const zone = zones.features.find((f) => f.properties.id === id);
    if (!zone) throw new ApiError(404, 'not_found', `There is no zone ${id} that you may see.`);
    return { zone, versions: versions.versions };
  });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.state === 'loading') return <p className="page-status">Loading zone…</p>;
  const { zone, versions } = load.data;
  const z = zone.properties;
  return (
    <main className="page" data-testid="zone-page">
      <p className="crumbs">
        <a href="#/zones">Zones</a>
      </p>
      <h1 title={`id ${z.id}`}>{z.name}</h1>
      <p className="summary">
        A {zoneKindName(z.kind)}, valid {validity(z)}, version {z.version}, releasable to {z.releasability}
        {z.weaponClasses.length > 0 ? `; forbids ${z.weaponClasses.map(weaponClassName).join(', ')}` : ''}.
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
        <p className="muted">Editing a zone needs the role cell staff officer or analyst.</p>
      )}
      <h2>Versions</h2>
      <VersionTable versions={versions} />
      <AuditTrail
        title="Audit entries of this zone"
        entity="zone"
        entityId={z.id}
        refresh={version}
        empty="No audit entry of this zone is releasable to you."
      />
    </main>
  );
}

function VersionTable({ versions }: { readonly versions: readonly ZoneVersion[] }) {
  if (versions.length === 0)
    return <p className="muted">No version of this zone is recorded where you may read it.</p>;
  return (
    <table className="grid" data-testid="zone-versions">
      <TableHead columns={['Version', 'When', 'By', 'Name', 'Valid', 'Weapons withdrawn', 'Releasable to']} />
      <tbody>
        {[...versions].reverse().map((v) => (
          <tr key={v.version}>
            <td>
              {v.version} ({v.change})
            </td>
            <td>{utc(v.at)}</td>
            <td>
              {v.actor ?? 'the system'}
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
  const z = zone.properties;
  const [form, setForm] = useState<Attributes>({
    name: z.name,
    validFrom: day(z.validFrom),
    validTo: day(z.validTo),
    weaponClasses: z.weaponClasses,
  });
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [pending, setPending] = useState<readonly string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const withdrawal = z.kind === 'weapons_withdrawal';

  function changes(): string[] {
    const out: string[] = [];
    if (form.name.trim() !== z.name) out.push(`name “${z.name}” → “${form.name.trim()}”`);
    if (form.validFrom !== day(z.validFrom) || form.validTo !== day(z.validTo))
      out.push(
        `valid ${validity(z)} → ${validity({ validFrom: form.validFrom || null, validTo: form.validTo || null })}`,
      );
    if ([...form.weaponClasses].sort().join() !== [...z.weaponClasses].sort().join())
      out.push(`weapons withdrawn → ${form.weaponClasses.map(weaponClassName).join(', ')}`);
    return out;
  }

  function check(): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (!form.name.trim()) found.push({ field: 'Name', message: 'give the zone a name' });
    if (form.validFrom && form.validTo && form.validTo <= form.validFrom)
      found.push({ field: 'Valid until', message: 'must be later than “valid from”' });
    if (withdrawal && form.weaponClasses.length === 0)
      found.push({
        field: 'Weapons withdrawn',
        message: 'a weapons-withdrawal zone must forbid at least one class',
      });
    if (found.length === 0 && changes().length === 0)
      found.push({ field: 'Zone', message: 'nothing is changed; edit a field first' });
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
            ? `Saved ${form.name.trim()} as version ${z.version + 1}: ${pending?.join('; ')}. The versions and the audit log below show it.`
            : 'Nothing was stored: the zone already reads like this.',
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
        aria-label="Edit the zone"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = check();
          setProblems(found);
          if (found.length === 0) setPending(changes());
        }}
      >
        <h3>Edit the zone</h3>
        <p className="muted">The shape stays as it is; to change it, import a file with this zone's id.</p>
        <ProblemList problems={problems} />
        <label className="field">
          Name
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          Valid from <span className="hint">empty: always</span>
          <input
            type="date"
            name="validFrom"
            value={form.validFrom}
            onChange={(e) => setForm({ ...form, validFrom: e.target.value })}
          />
        </label>
        <label className="field">
          Valid until <span className="hint">empty: open-ended</span>
          <input
            type="date"
            name="validTo"
            value={form.validTo}
            onChange={(e) => setForm({ ...form, validTo: e.target.value })}
          />
        </label>
        {withdrawal && (
          <fieldset>
            <legend>Weapons withdrawn</legend>
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
            Check and save…
          </button>
        </div>
      </form>
      {pending && (
        <Confirm
          question={
            <>
              Save version {z.version + 1} of <strong>{z.name}</strong>: {pending.join('; ')}?
            </>
          }
          confirmLabel="Save the new version"
          busy={busy}
          onConfirm={() => void save()}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}
