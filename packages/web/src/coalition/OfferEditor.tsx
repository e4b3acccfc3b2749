import type { Offer, OfferDetail } from '@guarantor/core/api';
import {
  CAPABILITIES,
  CAVEAT_KINDS,
  type CaveatParseError,
  explainCaveat,
  parseCaveats,
  READINESS_STAGES,
} from '@guarantor/core/coalition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { capabilityName, capitalise } from '../labels.ts';
import { useLoad } from '../load.ts';
import { planningApi } from '../planning/api.ts';
import '../planning/planning.css';
import { coalitionWord } from './NationPage.tsx';

/** One caveat as the form holds it: every field as text, turned into JSON on submit. */
interface CaveatDraft {
  kind: string;
  regions: string;
  roles: string;
  minDistanceKm: string;
  status: string;
  body: string;
  nation: string;
  date: string;
}

const EMPTY: CaveatDraft = {
  kind: 'outside_ukraine_only',
  regions: '',
  roles: '',
  minDistanceKm: '',
  status: 'pending',
  body: '',
  nation: '',
  date: '',
};

const list = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The JSON the server expects for one drafted caveat (only the fields its kind has). */
function caveatJson(d: CaveatDraft): Record<string, unknown> {
  switch (d.kind) {
    case 'allowed_regions':
    case 'excluded_regions':
      return { kind: d.kind, regions: list(d.regions) };
    case 'roles_allowed':
      return { kind: d.kind, roles: list(d.roles) };
    case 'min_distance_from_contact':
      return { kind: d.kind, minDistanceKm: d.minDistanceKm === '' ? Number.NaN : Number(d.minDistanceKm) };
    case 'national_mandate':
      return { kind: d.kind, status: d.status, ...(d.body ? { body: d.body } : {}) };
    case 'conditional_on_participation':
      return { kind: d.kind, nation: d.nation.trim().toUpperCase() };
    case 'valid_until':
      return { kind: d.kind, date: d.date };
    default:
      return { kind: d.kind };
  }
}

function draftOf(c: Record<string, unknown>): CaveatDraft {
  const join = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '');
  return {
    ...EMPTY,
    kind: String(c.kind),
    regions: join(c.regions),
    roles: join(c.roles),
    minDistanceKm: c.minDistanceKm === undefined ? '' : String(c.minDistanceKm),
    status: typeof c.status === 'string' ? c.status : 'pending',
    body: typeof c.body === 'string' ? c.body : '',
    nation: typeof c.nation === 'string' ? c.nation : '',
    date: typeof c.date === 'string' ? c.date : '',
  };
}

interface Draft {
  capability: string;
  quantity: string;
  daysToDeploy: string;
  durationDays: string;
  description: string;
  caveats: CaveatDraft[];
}

const NEW_DRAFT: Draft = {
  capability: 'monitoring_team',
  quantity: '1',
  daysToDeploy: '30',
  durationDays: '180',
  description: '',
  caveats: [],
};

/**
 * A liaison's form for their own nation's offers: new offers and edits, with caveats checked in
 * the browser by core's `parseCaveats` (the same check the server runs) and the server's answer
 * shown beside the field it names.
 */
export function OfferEditor({
  iso3,
  offers,
  onSaved,
}: {
  iso3: string;
  offers: readonly Offer[];
  onSaved: () => void;
}) {
  const session = useLoad('session', () => api.session());
  const [editing, setEditing] = useState<string | null>(null);
  const [detail, setDetail] = useState<OfferDetail | null>(null);
  const [draft, setDraft] = useState<Draft>(NEW_DRAFT);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('coalition');

  if (session.state !== 'ready') return null;
  const user = session.data.user;
  if (user.nation !== iso3 || !user.roles.includes('liaison')) return null;

  const caveatJsons = draft.caveats.map(caveatJson);
  const parsed = parseCaveats(caveatJsons);
  const caveatErrors: readonly CaveatParseError[] = parsed.ok ? [] : parsed.errors;
  const errorFor = (i: number) => caveatErrors.filter((e) => e.index === i);

  async function choose(id: string | null) {
    setServerError(null);
    setSaved(null);
    setEditing(id);
    if (!id) {
      setDetail(null);
      setDraft(NEW_DRAFT);
      return;
    }
    const history = await planningApi.offerHistory(id);
    setDetail(history.offer);
    setDraft({
      capability: history.offer.capability,
      quantity: String(history.offer.quantity),
      daysToDeploy: String(history.offer.daysToDeploy ?? 0),
      durationDays: String(history.offer.durationDays ?? 1),
      description: history.offer.description,
      caveats: history.offer.caveatData.map(draftOf),
    });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setServerError(null);
    setSaved(null);
    const fields = {
      quantity: Number(draft.quantity),
      daysToDeploy: Number(draft.daysToDeploy),
      durationDays: Number(draft.durationDays),
      description: draft.description,
      caveats: caveatJsons,
    };
    try {
      if (editing && detail) {
        const updated = await planningApi.updateOffer(editing, { version: detail.version, ...fields });
        setDetail(updated);
        setSaved(t('editor.saved', { id: updated.id, version: updated.version }));
      } else {
        const created = await planningApi.createOffer({
          nation: iso3,
          capability: draft.capability,
          ...fields,
        });
        setSaved(t('editor.created', { id: created.id, releasability: created.releasability }));
      }
      onSaved();
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
    } finally {
      setBusy(false);
    }
  }

  async function act(run: () => Promise<OfferDetail>) {
    setServerError(null);
    try {
      const next = await run();
      setDetail(next);
      setSaved(
        t('editor.changed', {
          id: next.id,
          readiness: coalitionWord('readiness', next.readiness),
          releasability: next.releasability,
          version: next.version,
        }),
      );
      onSaved();
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
    }
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setCaveat = (i: number, patch: Partial<CaveatDraft>) =>
    set({ caveats: draft.caveats.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const fieldError = (name: string) =>
    serverError?.field === `body.${name}` ? <span className="field-error">{serverError.message}</span> : null;
  const nextStage = detail
    ? READINESS_STAGES[READINESS_STAGES.indexOf(detail.readiness as never) + 1]
    : undefined;

  return (
    <section className="offer-editor" data-testid="offer-editor">
      <h2>{t('editor.title')}</h2>
      <div className="editor-pick">
        <label>
          {t('editor.offer')}{' '}
          <select value={editing ?? ''} onChange={(e) => void choose(e.target.value || null)}>
            <option value="">{t('editor.newOffer')}</option>
            {offers
              .filter((o) => o.nation === iso3)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id} · {capabilityName(o.capability)}
                </option>
              ))}
          </select>
        </label>
        {detail && (
          <span className="muted small">
            {t('editor.version', { version: detail.version })} ·{' '}
            {coalitionWord('readiness', detail.readiness)} · {coalitionWord('lifecycle', detail.lifecycle)} ·{' '}
            {detail.releasability}
          </span>
        )}
      </div>
      <form className="editor-form" onSubmit={submit} noValidate>
        <div className="editor-row">
          <label>
            {t('editor.capability')}
            <select
              value={draft.capability}
              disabled={editing !== null}
              onChange={(e) => set({ capability: e.target.value })}
            >
              {CAPABILITIES.map((c) => (
                <option key={c.id} value={c.id}>
                  {capitalise(capabilityName(c.id))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('editor.quantity')}
            <input type="number" value={draft.quantity} onChange={(e) => set({ quantity: e.target.value })} />
            {fieldError('quantity')}
          </label>
          <label>
            {t('editor.daysToDeploy')}
            <input
              type="number"
              value={draft.daysToDeploy}
              onChange={(e) => set({ daysToDeploy: e.target.value })}
            />
            {fieldError('daysToDeploy')}
          </label>
          <label>
            {t('editor.duration')}
            <input
              type="number"
              value={draft.durationDays}
              onChange={(e) => set({ durationDays: e.target.value })}
            />
            {fieldError('durationDays')}
          </label>
        </div>
        <label className="wide">
          {t('editor.description')}
          <input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
        <fieldset className="caveat-list">
          <legend>{t('editor.caveats')}</legend>
          {draft.caveats.length === 0 && <p className="muted small">{t('editor.noCaveats')}</p>}
          {draft.caveats.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: caveats have no id; position is their identity here
            <div className="caveat-row" key={i}>
              <select value={c.kind} onChange={(e) => setCaveat(i, { kind: e.target.value })}>
                {CAVEAT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {coalitionWord('caveatKind', k)}
                  </option>
                ))}
              </select>
              {(c.kind === 'allowed_regions' || c.kind === 'excluded_regions') && (
                <input
                  placeholder="UA-14, POL, BLACK_SEA"
                  value={c.regions}
                  onChange={(e) => setCaveat(i, { regions: e.target.value })}
                />
              )}
              {c.kind === 'roles_allowed' && (
                <input
                  placeholder="monitoring, training"
                  value={c.roles}
                  onChange={(e) => setCaveat(i, { roles: e.target.value })}
                />
              )}
              {c.kind === 'min_distance_from_contact' && (
                <input
                  type="number"
                  placeholder="km"
                  value={c.minDistanceKm}
                  onChange={(e) => setCaveat(i, { minDistanceKm: e.target.value })}
                />
              )}
              {c.kind === 'national_mandate' && (
                <>
                  <select value={c.status} onChange={(e) => setCaveat(i, { status: e.target.value })}>
                    {['none', 'pending', 'granted', 'refused'].map((s) => (
                      <option key={s} value={s}>
                        {coalitionWord('mandateStatus', s)}
                      </option>
                    ))}
                  </select>
                  <input
                    placeholder={t('editor.placeholderBody')}
                    value={c.body}
                    onChange={(e) => setCaveat(i, { body: e.target.value })}
                  />
                </>
              )}
              {c.kind === 'conditional_on_participation' && (
                <input
                  placeholder="USA"
                  value={c.nation}
                  onChange={(e) => setCaveat(i, { nation: e.target.value })}
                />
              )}
              {c.kind === 'valid_until' && (
                <input
                  placeholder="2027-06-30"
                  value={c.date}
                  onChange={(e) => setCaveat(i, { date: e.target.value })}
                />
              )}
              <button
                type="button"
                className="link-button"
                onClick={() => set({ caveats: draft.caveats.filter((_, j) => j !== i) })}
              >
                {t('editor.remove')}
              </button>
              <div className="caveat-status">
                {errorFor(i).length > 0 ? (
                  errorFor(i).map((e) => (
                    <span key={e.field + e.code} className="field-error" data-testid="caveat-error">
                      {e.message}
                    </span>
                  ))
                ) : parsed.ok ? (
                  <span className="muted small">{explainCaveat(parsed.caveats[i]!)}</span>
                ) : null}
              </div>
            </div>
          ))}
          <button
            type="button"
            className="link-button"
            onClick={() => set({ caveats: [...draft.caveats, { ...EMPTY }] })}
          >
            {t('editor.addCaveat')}
          </button>
        </fieldset>
        {serverError && (
          <p className="form-error" role="alert" data-testid="server-error">
            {serverError.message}
            {serverError.field && <span className="code"> ({serverError.field})</span>}
          </p>
        )}
        {saved && <p className="form-ok">{saved}</p>}
        <div className="editor-actions">
          <button className="primary" type="submit" disabled={busy || !parsed.ok}>
            {editing ? t('editor.save', { id: editing }) : t('editor.create')}
          </button>
          {detail && nextStage && (
            <button
              type="button"
              className="link-button"
              onClick={() => void act(() => planningApi.readiness(detail.id, detail.version, nextStage))}
            >
              {t('editor.raise', { stage: coalitionWord('readiness', nextStage) })}
            </button>
          )}
          {detail?.releasability.startsWith('NATIONAL') && (
            <button
              type="button"
              className="link-button"
              onClick={() => void act(() => planningApi.release(detail.id, detail.version, 'COALITION'))}
            >
              {t('editor.release')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
