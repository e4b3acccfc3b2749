import type { User } from '@guarantor/core/api';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatFixed, formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
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
  const { t } = useTranslation(['phases', 'common']);
  if (load.state === 'loading') return <p className="page-status">{t('truce.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const truces = load.data.truces;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('truce.title')}</h1>
        <p className="summary">{t('truce.recorded', { count: truces.length })}</p>
      </div>
      <Downloads list="/api/phases/truces" what="the truce windows" geo />
      {hasRole(user, 'cell_staff') ? (
        <TruceForm names={names} onRecorded={() => setVersion((v) => v + 1)} />
      ) : (
        <p className="muted">{t('truce.staffOnly')}</p>
      )}
      {truces.length === 0 ? (
        <p className="banner">{t('truce.none')}</p>
      ) : (
        <table className="grid" data-testid="truces-table">
          <TableHead
            columns={[
              t('truce.col.site'),
              t('truce.col.when'),
              t('truce.col.purpose'),
              t('truce.col.held'),
              t('common:releasability.title'),
            ]}
          />
          <tbody>
            {truces.map((w) => (
              <tr key={w.id}>
                <td title={w.id}>
                  <strong>{w.site}</strong>
                  <div className="muted">
                    {t('truce.around', {
                      radius: formatNumber(w.radiusM),
                      lat: formatFixed(w.location[1], 4),
                      lng: formatFixed(w.location[0], 4),
                    })}
                    {w.sector && ` · ${names.sector(w.sector)}`}
                  </div>
                </td>
                <td>{t('truce.range', { start: when(w.start), end: when(w.end) })}</td>
                <td>{w.purpose}</td>
                <td>
                  {w.held === null
                    ? t('truce.notBegun')
                    : w.held
                      ? t('truce.held')
                      : t('truce.broken', {
                          incidents: w.incidents
                            .map((i) =>
                              t('truce.incidentAway', {
                                category: categoryName(i.category),
                                distance: formatNumber(Math.round(i.distanceM)),
                              }),
                            )
                            .join('; '),
                        })}
                </td>
                <td>
                  <Releasability label={w.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** The server's field names → the form's labels, in the reader's language. */
function fieldWords() {
  const t = i18n.getFixedT(null, 'phases');
  return {
    'body.site': t('tfield.site'),
    'body.location': t('tfield.location'),
    'body.radiusM': t('tfield.radiusM'),
    'body.start': t('tfield.start'),
    'body.end': t('tfield.end'),
    'body.purpose': t('tfield.purpose'),
    'body.sector': t('tfield.sector'),
    body: t('tfield.body'),
  };
}

function TruceForm({ names, onRecorded }: { readonly names: Names; readonly onRecorded: () => void }) {
  const sectors = useSectors();
  const { t } = useTranslation('phases');
  const FIELDS = fieldWords();
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
    if (!form.site.trim()) out.push({ field: FIELDS['body.site'], message: t('tprob.site') });
    const lat = Number(form.lat);
    const lng = Number(form.lng);
    if (form.lat.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90)
      out.push({ field: FIELDS['body.location'], message: t('tprob.lat') });
    if (form.lng.trim() === '' || !Number.isFinite(lng) || lng < -180 || lng > 180)
      out.push({ field: FIELDS['body.location'], message: t('tprob.lng') });
    const radius = Number(form.radiusM);
    if (!Number.isFinite(radius) || radius <= 0 || radius > 50_000)
      out.push({ field: FIELDS['body.radiusM'], message: t('tprob.radius') });
    if (!form.start) out.push({ field: FIELDS['body.start'], message: t('tprob.start') });
    if (!form.end) out.push({ field: FIELDS['body.end'], message: t('tprob.end') });
    if (form.start && form.end && form.end <= form.start)
      out.push({ field: FIELDS['body.end'], message: t('tprob.order') });
    if (!form.purpose.trim()) out.push({ field: FIELDS['body.purpose'], message: t('tprob.purpose') });
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
      <h2>{t('tform.title')}</h2>
      <div className="form-row">
        {field('site', FIELDS['body.site'])}
        {field('purpose', FIELDS['body.purpose'])}
        <label>
          {FIELDS['body.sector']} <span className="hint">{t('tform.optional')}</span>
          <select name="sector" value={form.sector} onChange={set('sector')} disabled={step !== 'edit'}>
            <option value="">{t('tform.noSector')}</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        {field('lat', t('tfield.lat'), 'text', { placeholder: '47.8113', 'aria-label': t('tfield.lat') })}
        {field('lng', t('tfield.lng'), 'text', { placeholder: '35.1902', 'aria-label': t('tfield.lng') })}
        {field('radiusM', FIELDS['body.radiusM'], 'number')}
        {field('start', FIELDS['body.start'], 'datetime-local')}
        {field('end', FIELDS['body.end'], 'datetime-local')}
      </div>
      <ReviewThenSend
        problems={problems}
        refusal={refusal}
        fields={FIELDS}
        step={step}
        reviewLabel={t('tform.review')}
        title={t('tform.check')}
        confirmLabel={t('tform.record')}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          <Trans
            t={t}
            i18nKey="tform.summary"
            values={{
              site: form.site.trim(),
              purpose: form.purpose.trim(),
              radius: formatNumber(Number(form.radiusM)),
              lat: form.lat,
              lng: form.lng,
              start: formatUtc(form.start),
              end: formatUtc(form.end),
              sector: form.sector ? t('tform.inSector', { sector: names.sector(form.sector) }) : '',
            }}
            components={{ b: <strong /> }}
          />
        </p>
      </ReviewThenSend>
      {recorded && (
        <Recorded title={t('tform.recorded', { id: recorded.id, site: recorded.input.site })}>
          <p>
            {t('tform.recordedText', {
              start: when(recorded.input.start),
              end: when(recorded.input.end),
              radius: formatNumber(recorded.input.radiusM),
            })}
          </p>
          <AuditTrail entity="truce_window" entityId={recorded.id} refresh={recorded.id} />
        </Recorded>
      )}
    </form>
  );
}
