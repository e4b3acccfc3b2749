import type { User } from '@guarantor/core/api';
import { type FormEvent, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatFixed, formatNumber, formatUtc } from '../i18n/format.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { categoryName } from '../words.ts';
import { phasesApi, type TruceInput } from './api.ts';
import { type Names, useNames, useSectors } from './words.ts';

const when = formatUtc;

/** Local truce windows (a repair crew's hours at a site), each checked against the incidents near it. */
export function TrucesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const names = useNames();
  const load = useLoadKeeping(`phases/truces/${version}`, (signal) => phasesApi.truces(signal));
  if (load.state === 'loading') return <p className="page-status">Loading truce windows…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const truces = load.data.truces;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Local truce windows</h1>
        <p className="summary">{truces.length} recorded</p>
      </div>
      <Downloads list="/api/phases/truces" what="the truce windows" geo />
      {hasRole(user, 'cell_staff') ? (
        <TruceForm names={names} onRecorded={() => setVersion((v) => v + 1)} />
      ) : (
        <p className="muted">Truce windows are recorded by the coordination cell's staff.</p>
      )}
      {truces.length === 0 ? (
        <p className="banner">No truce window yet. Cell staff record one for a site, a radius and a time.</p>
      ) : (
        <table className="grid" data-testid="truces-table">
          <TableHead columns={['Site', 'When', 'Purpose', 'Held?', 'Releasability']} />
          <tbody>
            {truces.map((t) => (
              <tr key={t.id}>
                <td title={t.id}>
                  <strong>{t.site}</strong>
                  <div className="muted">
                    {formatNumber(t.radiusM)} m around {formatFixed(t.location[1], 4)}° N,{' '}
                    {t.location[0].toFixed(4)}° E{t.sector && ` · ${names.sector(t.sector)}`}
                  </div>
                </td>
                <td>
                  {when(t.start)} to {when(t.end)}
                </td>
                <td>{t.purpose}</td>
                <td>
                  {t.held === null
                    ? 'Not begun'
                    : t.held
                      ? 'Held: no incident near the site'
                      : `Broken: ${t.incidents.map((i) => `${categoryName(i.category)} ${Math.round(i.distanceM)} m away`).join('; ')}`}
                </td>
                <td>
                  <Releasability label={t.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

const FIELDS = {
  'body.site': 'Site',
  'body.location': 'Latitude and longitude',
  'body.radiusM': 'Radius (m)',
  'body.start': 'Starts (UTC)',
  'body.end': 'Ends (UTC)',
  'body.purpose': 'Purpose',
  'body.sector': 'Sector',
  body: 'Truce window',
} as const;

function TruceForm({ names, onRecorded }: { readonly names: Names; readonly onRecorded: () => void }) {
  const sectors = useSectors();
  const [form, setForm] = useState({
    site: '',
    lat: '',
    lng: '',
    radiusM: '2000',
    start: '',
    end: '',
    purpose: '',
    sector: '',
  });
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<{ id: string; input: TruceInput } | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const invalid = (field: string) => problems.some((p) => p.field === field);

  function input(): TruceInput {
    return {
      site: form.site.trim(),
      location: [Number(form.lng), Number(form.lat)],
      radiusM: Number(form.radiusM),
      start: `${form.start}:00Z`,
      end: `${form.end}:00Z`,
      purpose: form.purpose.trim(),
      ...(form.sector ? { sector: form.sector } : {}),
    };
  }

  function review(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const out: FieldProblem[] = [];
    if (!form.site.trim())
      out.push({ field: FIELDS['body.site'], message: 'name the site (e.g. "Pumping station 3")' });
    const lat = Number(form.lat);
    const lng = Number(form.lng);
    if (form.lat.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90)
      out.push({ field: FIELDS['body.location'], message: 'latitude must be a number from -90 to 90' });
    if (form.lng.trim() === '' || !Number.isFinite(lng) || lng < -180 || lng > 180)
      out.push({ field: FIELDS['body.location'], message: 'longitude must be a number from -180 to 180' });
    const radius = Number(form.radiusM);
    if (!Number.isFinite(radius) || radius <= 0 || radius > 50_000)
      out.push({
        field: FIELDS['body.radiusM'],
        message: 'a radius in metres, more than 0 and at most 50,000',
      });
    if (!form.start)
      out.push({ field: FIELDS['body.start'], message: 'give the date and time the window opens' });
    if (!form.end)
      out.push({ field: FIELDS['body.end'], message: 'give the date and time the window closes' });
    if (form.start && form.end && form.end <= form.start)
      out.push({ field: FIELDS['body.end'], message: 'the window must close after it opens' });
    if (!form.purpose.trim())
      out.push({ field: FIELDS['body.purpose'], message: 'say what the window is for (e.g. "repair crew")' });
    setProblems(out);
    if (out.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    const body = input();
    try {
      const created = await phasesApi.recordTruce(body);
      setRecorded({ id: created.id, input: body });
      setStep('edit');
      onRecorded();
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  const field = (
    key: keyof typeof form,
    label: string,
    type = 'text',
    extra: Record<string, string> = {},
  ) => (
    <label>
      {label}
      <input
        name={key}
        type={type}
        value={form[key]}
        onChange={set(key)}
        aria-invalid={invalid(label)}
        disabled={step !== 'edit'}
        {...extra}
      />
    </label>
  );

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="truce-form">
      <h2>Record a local truce window</h2>
      <div className="form-row">
        {field('site', FIELDS['body.site'])}
        {field('purpose', FIELDS['body.purpose'])}
        <label>
          {FIELDS['body.sector']} <span className="hint">(optional)</span>
          <select name="sector" value={form.sector} onChange={set('sector')} disabled={step !== 'edit'}>
            <option value="">No sector</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        {field('lat', 'Latitude', 'text', { placeholder: '47.8113', 'aria-label': 'Latitude' })}
        {field('lng', 'Longitude', 'text', { placeholder: '35.1902', 'aria-label': 'Longitude' })}
        {field('radiusM', FIELDS['body.radiusM'], 'number')}
        {field('start', FIELDS['body.start'], 'datetime-local')}
        {field('end', FIELDS['body.end'], 'datetime-local')}
      </div>
      <ReviewThenSend
        problems={problems}
        refusal={refusal}
        fields={FIELDS}
        step={step}
        reviewLabel="Review the truce window"
        title="Check the truce window before it is recorded"
        confirmLabel="Record the truce window"
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          A truce at <strong>{form.site.trim()}</strong> for {form.purpose.trim()}: within{' '}
          {formatNumber(Number(form.radiusM))} m of {form.lat}° N, {form.lng}° E, from{' '}
          <strong>{formatUtc(form.start)}</strong> to <strong>{formatUtc(form.end)}</strong>
          {form.sector && <> in {names.sector(form.sector)}</>}. Incidents near the site during the window
          will show it broken.
        </p>
      </ReviewThenSend>
      {recorded && (
        <Recorded title={`Recorded: truce window ${recorded.id} at ${recorded.input.site}`}>
          <p>
            {when(recorded.input.start)} to {when(recorded.input.end)}, {formatNumber(recorded.input.radiusM)}{' '}
            m around the site. It is in the table below.
          </p>
          <AuditTrail entity="truce_window" entityId={recorded.id} refresh={recorded.id} />
        </Recorded>
      )}
    </form>
  );
}
