/**
 * The cell's own work (issue 21): decisions (list, record, then beside now), the actions board
 * with the overdue list per nation, and meetings with attendance, documents and a print view.
 * Every write is reviewed in words and confirmed first; the server audits it.
 */
import type {
  Action,
  CellNotification,
  DecisionLink,
  LinkCandidate,
  Nation,
  User,
} from '@guarantor/core/api';
import {
  ACTION_STATUSES,
  type ActionStatus,
  CELL_EVENTS,
  type CellEvent,
  DELEGATION_LEVELS,
  type DelegationLevel,
  type LinkKind,
  noticeValues,
} from '@guarantor/core/cellwork';
import { type ReactNode, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, hasRole, type Outcome, OutcomeBanner, refusal, useLoadKeeping } from '../forms.tsx';
import { formatCount, formatDay, formatNumber, formatUtc } from '../i18n/format.ts';
import { currentLanguage, i18n } from '../i18n/index.ts';
import { localNationName, nationByCode } from '../i18n/places.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { phaseName } from '../words.ts';
import { cellApi } from './api.ts';
import { candidateName, LinkPicker } from './LinkPicker.tsx';

const when = formatUtc;
const day = formatDay;

// The cell's codes in the reader's words (the API's English names stay the fallback).
const t$ = (key: string, fallback: string) =>
  i18n.t(`cellwork:${key}` as 'cellwork:review', { defaultValue: fallback });
const levelName = (l: DelegationLevel | string) => t$(`level.${l}`, l);
const statusName = (s: ActionStatus | string) => t$(`status.${s}`, s);
const linkKindName = (k: LinkKind | string) => t$(`linkKind.${k}`, k);
const eventName = (e: CellEvent | string) => t$(`event.${e}`, e);
/** Fields whose values are codes with words in the catalogue (`value.<field>.<code>`). */
const CODED_FIELDS = new Set(['kind', 'occupiedSide', 'stage']);
/** A field of a record a decision rests on ("adoptedAt" → "adopted at"), in the reader's words. */
const fieldName = (k: string) => t$(`field.${k}`, k.replace(/([A-Z])/g, ' $1').toLowerCase());
/** A field's value as people read it: codes in words, instants and numbers in the reader's conventions. */
function fieldValue(k: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (k === 'phase' && typeof v === 'string') return phaseName(v);
  if (typeof v === 'string' && CODED_FIELDS.has(k)) return t$(`value.${k}.${v}`, v);
  if (typeof v === 'boolean') return t$(v ? 'yes' : 'no', String(v));
  if (typeof v === 'number') return formatNumber(v, { maximumFractionDigits: 4 });
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return formatUtc(v);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)) return formatDay(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
/** What a notification says in the reader's words; an older one (English only) as it was stored. */
function noticeWords(n: CellNotification): string {
  if (!n.notice) return n.message;
  return String(
    i18n.t(
      `cellwork:notice.${n.notice.key}` as 'cellwork:review',
      noticeValues(n.notice.params, {
        nation: nationByCode,
        instant: formatUtc,
        day: formatDay,
        status: (s) => statusName(s).toLowerCase(),
      }) as never,
    ),
  );
}
/** What raised an action, in words, as the server joins them: "decision DEC-FRA-1, meeting MTG-1". */
function origin(a: Action): string {
  const parts: string[] = [];
  if (a.breachId) parts.push(i18n.t('cellwork:origin.breach', { id: a.breachId }));
  if (a.decisionId) parts.push(i18n.t('cellwork:origin.decision', { id: a.decisionId }));
  if (a.incidentId) parts.push(i18n.t('cellwork:origin.incident', { id: a.incidentId }));
  if (a.meetingId) parts.push(i18n.t('cellwork:origin.meeting', { id: a.meetingId }));
  return parts.join(', ') || a.createdFrom;
}
/** A nation by its ISO 3166-1 alpha-3 code, in the reader's language. */
const nation = (iso3: string, english: string) => localNationName(iso3, english);

/** The coalition's nations, for the pickers. */
function useNations(): readonly Nation[] {
  const [nations, setNations] = useState<readonly Nation[]>([]);
  useEffect(() => {
    const c = new AbortController();
    api.nations(c.signal).then(
      (r) =>
        setNations(
          r.nations
            .map((n) => ({ ...n, name: nation(n.iso3, n.name) }))
            .sort((a, b) => a.name.localeCompare(b.name, i18n.language)),
        ),
      () => undefined,
    );
    return () => c.abort();
  }, []);
  return nations;
}

function NationSelect({
  value,
  onChange,
  nations,
  name,
}: {
  value: string;
  onChange: (v: string) => void;
  nations: readonly Nation[];
  name: string;
}) {
  const { t } = useTranslation('cellwork');
  return (
    <select id={`cell-${name}`} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('chooseNation')}</option>
      {nations.map((n) => (
        <option key={n.iso3} value={n.iso3}>
          {n.name}
        </option>
      ))}
    </select>
  );
}

function LevelSelect({
  value,
  onChange,
}: {
  value: DelegationLevel;
  onChange: (v: DelegationLevel) => void;
}) {
  return (
    <select
      name="delegationLevel"
      value={value}
      onChange={(e) => onChange(e.target.value as DelegationLevel)}
    >
      {DELEGATION_LEVELS.map((l) => (
        <option key={l} value={l}>
          {levelName(l)}
        </option>
      ))}
    </select>
  );
}

/** A form that is reviewed in words, confirmed, then sent; the outcome shows under it. */
function ConfirmedForm({
  title,
  testId,
  children,
  summary,
  confirmLabel,
  send,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  summary: () => ReactNode;
  confirmLabel: string;
  send: () => Promise<ReactNode>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { t } = useTranslation('cellwork');
  return (
    <form
      className="phase-form"
      data-testid={testId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setOutcome(null);
        setAsking(true);
      }}
    >
      <h2>{title}</h2>
      {children}
      {asking ? (
        <Confirm
          question={summary()}
          confirmLabel={confirmLabel}
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setBusy(true);
            send().then(
              (text) => {
                setOutcome({ ok: true, text });
                setAsking(false);
                setBusy(false);
              },
              (error: unknown) => {
                setOutcome(refusal(error, (f) => f.split('.')[0]));
                setAsking(false);
                setBusy(false);
              },
            );
          }}
        />
      ) : (
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('review')}
          </button>
        </div>
      )}
      <OutcomeBanner outcome={outcome} />
    </form>
  );
}

// ---------------------------------------------------------------- decisions

/** The decisions the reader may read, and (cell staff) a form to record one. */
export function DecisionsPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('cellwork');
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/decisions/${version}`, (s) => cellApi.decisions(s));
  if (load.state === 'loading') return <p className="page-status">{t('decisions.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const decisions = load.data.decisions;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('decisions.title')}</h1>
        <p className="summary">{t('mayRead', { count: decisions.length })}</p>
      </div>
      <Downloads list="/api/decisions" what="the decisions" />
      {hasRole(user, 'cell_staff') && <DecisionForm onRecorded={() => setVersion((v) => v + 1)} />}
      {decisions.length === 0 ? (
        <p className="banner">{t('decisions.none')}</p>
      ) : (
        <table className="grid" data-testid="decisions-table">
          <TableHead
            columns={[
              t('decisions.table.decidedOn'),
              t('decisions.table.decision'),
              t('decisions.table.by'),
              t('decisions.table.authority'),
              t('releasability'),
            ]}
          />
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td>{day(d.decidedOn)}</td>
                <td>
                  <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a>
                  <div className="muted">{d.id}</div>
                </td>
                <td>
                  {d.decidedBy}, {nation(d.nation, d.nationName)} ({levelName(d.delegationLevel)})
                </td>
                <td>{d.authority}</td>
                <td>
                  <Releasability label={d.releasability} />
                  {d.labelWidened && (
                    <div className="muted">{t('decisions.widened', { reason: d.widenReason })}</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function DecisionForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useTranslation('cellwork');
  const nations = useNations();
  const [f, setF] = useState({
    title: '',
    text: '',
    decidedOn: new Date().toISOString().slice(0, 10),
    nation: '',
    delegationLevel: 'minister' as DelegationLevel,
    decidedBy: '',
    authority: '',
    releasability: 'COALITION',
    widen: false,
    widenReason: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const [chosen, setChosen] = useState<LinkCandidate[]>([]);
  const links = () => chosen.map((c) => ({ kind: c.kind, id: c.id }));
  return (
    <ConfirmedForm
      title={t('decisionForm.title')}
      testId="decision-form"
      confirmLabel={t('decisionForm.confirmLabel')}
      summary={() => (
        <>
          {t('decisionForm.summary', {
            title: f.title,
            day: f.decidedOn ? day(f.decidedOn) : '—',
            by: f.decidedBy || '—',
            nation: nations.find((n) => n.iso3 === f.nation)?.name ?? t('noNationChosen'),
            level: levelName(f.delegationLevel),
            authority: f.authority || '—',
            records:
              chosen.length === 0
                ? t('records', { count: 0 })
                : chosen.map((c) => `${linkKindName(c.kind).toLowerCase()} “${candidateName(c)}”`).join('; '),
            releasability: f.releasability,
          })}
          {f.widen ? t('decisionForm.summaryWiden', { reason: f.widenReason }) : ''}
          {t('question')} {t('decisionForm.summaryAudit')}
        </>
      )}
      send={async () => {
        const d = await cellApi.recordDecision({
          title: f.title,
          text: f.text,
          decidedOn: f.decidedOn,
          nation: f.nation,
          delegationLevel: f.delegationLevel,
          decidedBy: f.decidedBy,
          authority: f.authority,
          links: links(),
          releasability: f.releasability,
          ...(f.widen ? { widen: { confirm: true, reason: f.widenReason } } : {}),
        });
        onRecorded();
        setChosen([]);
        return (
          <>
            {t('recorded')} <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a> ({d.id}).
          </>
        );
      }}
    >
      <div className="form-row">
        <label>
          {t('decisionForm.what')}
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label>
          {t('decisions.table.decidedOn')}
          <input name="decidedOn" type="date" value={f.decidedOn} onChange={set('decidedOn')} />
        </label>
        <label htmlFor="cell-nation">
          {t('nation')}
          <NationSelect
            name="nation"
            value={f.nation}
            onChange={(v) => setF({ ...f, nation: v })}
            nations={nations}
          />
        </label>
        <label htmlFor="cell-delegationLevel">
          {t('delegationLevel')}
          <LevelSelect value={f.delegationLevel} onChange={(v) => setF({ ...f, delegationLevel: v })} />
        </label>
      </div>
      <div className="form-row">
        <label>
          {t('decisionForm.by')}
          <input name="decidedBy" value={f.decidedBy} onChange={set('decidedBy')} />
        </label>
        <label>
          {t('decisionForm.authority')}
          <input name="authority" value={f.authority} onChange={set('authority')} />
        </label>
        <label>
          {t('releasability')}
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
      <label>
        {t('decisionForm.text')}
        <textarea name="text" rows={2} value={f.text} onChange={set('text')} />
      </label>
      <LinkPicker value={chosen} onChange={setChosen} />
      <label className="inline">
        <input type="checkbox" checked={f.widen} onChange={(e) => setF({ ...f, widen: e.target.checked })} />{' '}
        {t('decisionForm.widen')}
      </label>
      {f.widen && (
        <label>
          {t('decisionForm.widenReason')}
          <input name="widenReason" value={f.widenReason} onChange={set('widenReason')} />
        </label>
      )}
    </ConfirmedForm>
  );
}

function State({ state }: { state: Record<string, unknown> | null }) {
  const { t } = useTranslation('cellwork');
  if (!state) return <p className="muted">{t('decision.gone')}</p>;
  return (
    <dl className="compact">
      {Object.entries(state).map(([k, v]) => (
        <div key={k}>
          <dt>{fieldName(k)}</dt>
          <dd>{fieldValue(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One decision: who, under which authority, and each record then beside now. */
export function DecisionPage({ id }: { readonly id: string }) {
  const { t } = useTranslation('cellwork');
  const load = useLoad(`cell/decision/${id}`, (s) => cellApi.decision(id, s));
  if (load.state === 'loading') return <p className="page-status">{t('decision.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { decision: d, links, actions } = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{d.title}</h1>
        <Releasability label={d.releasability} />
      </div>
      <p>
        <Trans
          t={t}
          i18nKey="decision.summary"
          values={{
            day: day(d.decidedOn),
            by: d.decidedBy,
            nation: nation(d.nation, d.nationName),
            level: levelName(d.delegationLevel),
            authority: d.authority,
            recordedBy: d.recordedBy,
            at: when(d.recordedAt),
          }}
          components={{ b: <strong /> }}
        />
        {d.labelWidened && <> {t('decision.widened', { bound: d.bound, reason: d.widenReason })}</>}
      </p>
      {d.text && <p>{d.text}</p>}
      <h2>{t('decision.records')}</h2>
      {links.length === 0 && <p className="muted">{t('decision.noRecords')}</p>}
      {links.map((l: DecisionLink) => (
        <section key={`${l.kind}:${l.recordId}`} className="confirm-panel" data-testid="decision-link">
          <h3>
            {t('decision.linkTitle', { kind: linkKindName(l.kind), title: l.title })}{' '}
            <Releasability label={l.releasability} />
          </h3>
          <p className="muted">
            {l.kept === 'version'
              ? t('decision.thenVersion', { version: l.version })
              : t('decision.thenRead', { at: when(l.linkedAt), sha: `${l.thenSha256.slice(0, 12)}…` })}{' '}
            {l.changed.length === 0
              ? t('decision.unchanged')
              : t('decision.changed', { fields: l.changed.map(fieldName).join(', ') })}
          </p>
          <div className="form-row">
            <div>
              <h4>{t('decision.whenDecided')}</h4>
              <State state={l.atDecision} />
            </div>
            <div>
              <h4>{t('decision.today')}</h4>
              <State state={l.today} />
            </div>
          </div>
        </section>
      ))}
      <h2>{t('decision.actions')}</h2>
      <ActionTable actions={actions} />
    </main>
  );
}

// ---------------------------------------------------------------- actions

function ActionTable({
  actions,
  onStatus,
}: {
  actions: readonly Action[];
  onStatus?: (a: Action) => ReactNode;
}) {
  const { t } = useTranslation('cellwork');
  if (actions.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <table className="grid" data-testid="actions-table">
      <TableHead
        columns={[
          t('actions.table.action'),
          t('actions.table.owner'),
          t('actions.table.due'),
          t('actions.table.status'),
          t('actions.table.raisedBy'),
          t('releasability'),
          ...(onStatus ? [''] : []),
        ]}
      />
      <tbody>
        {actions.map((a) => (
          <tr key={a.id} className={a.overdue ? 'overdue' : undefined}>
            <td>
              {a.title}
              <div className="muted">{a.id}</div>
            </td>
            <td>
              {nation(a.ownerNation, a.ownerNationName)}
              {a.ownerPerson && <div className="muted">{a.ownerPerson}</div>}
            </td>
            <td>
              {when(a.dueAt)}
              {a.overdue && <div className="blind">{t('actions.overdue')}</div>}
            </td>
            <td>{statusName(a.status)}</td>
            <td>{origin(a)}</td>
            <td>
              <Releasability label={a.releasability} />
            </td>
            {onStatus && <td>{onStatus(a)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatusChange({ action, user, onDone }: { action: Action; user: User; onDone: () => void }) {
  const [to, setTo] = useState<ActionStatus | ''>('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { t } = useTranslation('cellwork');
  const may = hasRole(user, 'cell_staff') || (hasRole(user, 'liaison') && user.nation === action.ownerNation);
  if (!may) return null;
  return (
    <div>
      <select
        value={to}
        onChange={(e) => setTo(e.target.value as ActionStatus)}
        aria-label={t('actions.newStatus', { id: action.id })}
      >
        <option value="">{t('actions.changeStatus')}</option>
        {ACTION_STATUSES.filter((s) => s !== action.status).map((s) => (
          <option key={s} value={s}>
            {statusName(s)}
          </option>
        ))}
      </select>
      {to && (
        <Confirm
          question={t('actions.confirmStatus', {
            title: action.title,
            owner: nation(action.ownerNation, action.ownerNationName),
            status: statusName(to).toLowerCase(),
          })}
          confirmLabel={t('actions.confirmStatusLabel')}
          busy={busy}
          onCancel={() => setTo('')}
          onConfirm={() => {
            setBusy(true);
            cellApi.setStatus(action.id, to, '').then(
              () => {
                setBusy(false);
                setTo('');
                onDone();
              },
              (e: unknown) => {
                setBusy(false);
                setOutcome(refusal(e));
              },
            );
          }}
        />
      )}
      <OutcomeBanner outcome={outcome} />
    </div>
  );
}

/** The actions board: open work by status, the overdue list per nation, a form, and your notifications. */
export function ActionsPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('cellwork');
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/actions/${version}`, async (s) => ({
    actions: (await cellApi.actions(s)).actions,
    overdue: await cellApi.overdue(s),
    meetings: (await cellApi.meetings(s)).meetings,
    decisions: (await cellApi.decisions(s)).decisions,
  }));
  if (load.state === 'loading') return <p className="page-status">{t('actions.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { actions, overdue } = load.data;
  const refresh = () => setVersion((v) => v + 1);
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('actions.title')}</h1>
        <p className="summary">
          {t('actions.summary', {
            open: formatCount(
              actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length,
            ),
            overdue: formatCount(overdue.nations.reduce((n, g) => n + g.actions.length, 0)),
          })}
        </p>
      </div>
      <h2>{t('actions.overdueTitle')}</h2>
      <Downloads list="/api/actions" what="the actions" />
      {overdue.nations.length === 0 ? (
        <p className="muted">{t('actions.nothingOverdue', { at: when(overdue.asOf) })}</p>
      ) : (
        overdue.nations.map((g) => (
          <section key={g.nation} data-testid="overdue-nation">
            <h3>
              {t('actions.nationOverdue', {
                nation: nation(g.nation, g.nationName),
                count: g.actions.length,
              })}
            </h3>
            <ActionTable actions={g.actions} />
          </section>
        ))
      )}
      {ACTION_STATUSES.map((s) => (
        <section key={s}>
          <h2>{statusName(s)}</h2>
          <ActionTable
            actions={actions.filter((a) => a.status === s)}
            onStatus={(a) => <StatusChange action={a} user={user} onDone={refresh} />}
          />
        </section>
      ))}
      {hasRole(user, 'cell_staff') && (
        <ActionForm meetings={load.data.meetings} decisions={load.data.decisions} onCreated={refresh} />
      )}
      <PreferencesForm />
    </main>
  );
}

function ActionForm({
  meetings,
  decisions,
  onCreated,
}: {
  meetings: readonly { id: string; title: string }[];
  decisions: readonly { id: string; title: string }[];
  onCreated: () => void;
}) {
  const { t } = useTranslation('cellwork');
  const nations = useNations();
  const [f, setF] = useState({
    title: '',
    ownerNation: '',
    ownerPerson: '',
    due: '',
    source: '',
    releasability: 'COALITION',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const [kind, sourceId] = f.source.split(':') as [string, string];
  return (
    <ConfirmedForm
      title={t('actionForm.title')}
      testId="action-form"
      confirmLabel={t('actionForm.confirmLabel')}
      summary={() =>
        t('actionForm.summary', {
          owner: `${nations.find((n) => n.iso3 === f.ownerNation)?.name ?? t('actionForm.noNation')}${
            f.ownerPerson ? ` (${f.ownerPerson})` : ''
          }`,
          title: f.title,
          due: f.due ? formatUtc(f.due) : '—',
          releasability: f.releasability,
        })
      }
      send={async () => {
        const a = await cellApi.createAction({
          title: f.title,
          ownerNation: f.ownerNation,
          ...(f.ownerPerson ? { ownerPerson: f.ownerPerson } : {}),
          dueAt: f.due ? `${f.due}:00Z` : '',
          ...(kind === 'meeting'
            ? { meetingId: sourceId }
            : kind === 'decision'
              ? { decisionId: sourceId }
              : {}),
          releasability: f.releasability,
        });
        onCreated();
        return t('actionForm.created', {
          id: a.id,
          owner: nation(a.ownerNation, a.ownerNationName),
          due: when(a.dueAt),
        });
      }}
    >
      <div className="form-row">
        <label>
          {t('actionForm.what')}
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label htmlFor="cell-ownerNation">
          {t('actionForm.ownerNation')}
          <NationSelect
            name="ownerNation"
            value={f.ownerNation}
            onChange={(v) => setF({ ...f, ownerNation: v })}
            nations={nations}
          />
        </label>
        <label>
          {t('actionForm.ownerPerson')}
          <input name="ownerPerson" value={f.ownerPerson} onChange={set('ownerPerson')} />
        </label>
      </div>
      <div className="form-row">
        <label>
          {t('actionForm.due')}
          <input name="due" type="datetime-local" value={f.due} onChange={set('due')} />
        </label>
        <label>
          {t('actions.table.raisedBy')}
          <select name="source" value={f.source} onChange={set('source')}>
            <option value="">{t('actionForm.chooseSource')}</option>
            {decisions.map((d) => (
              <option key={d.id} value={`decision:${d.id}`}>
                {t('actionForm.decision', { title: d.title })}
              </option>
            ))}
            {meetings.map((m) => (
              <option key={m.id} value={`meeting:${m.id}`}>
                {t('actionForm.meeting', { title: m.title })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('releasability')}
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
    </ConfirmedForm>
  );
}

function PreferencesForm() {
  const { t } = useTranslation('cellwork');
  const load = useLoad('cell/preferences', (s) => cellApi.preferences(s));
  const [p, setP] = useState<{
    email: string;
    emailEnabled: boolean;
    events: CellEvent[];
    sectors: string;
  } | null>(null);
  useEffect(() => {
    if (load.state === 'ready' && !p)
      setP({
        email: load.data.email ?? '',
        emailEnabled: load.data.emailEnabled,
        events: load.data.events,
        sectors: load.data.sectors.join(', '),
      });
  }, [load, p]);
  if (!p) return null;
  return (
    <ConfirmedForm
      title={t('prefs.title')}
      testId="preferences-form"
      confirmLabel={t('prefs.confirmLabel')}
      summary={() =>
        t('prefs.summary', {
          events: p.events.map((e) => eventName(e).toLowerCase()).join('; ') || t('prefs.nothing'),
          sectors: p.sectors ? t('prefs.inSectors', { sectors: p.sectors }) : t('prefs.everySector'),
          how: p.emailEnabled ? t('prefs.byEmail', { email: p.email }) : t('prefs.appOnly'),
        })
      }
      send={async () => {
        await cellApi.setPreferences({
          email: p.email.trim() || null,
          emailEnabled: p.emailEnabled,
          inApp: true,
          events: p.events,
          sectors: p.sectors
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        });
        return t('prefs.saved');
      }}
    >
      <fieldset>
        <legend>{t('prefs.events')}</legend>
        {CELL_EVENTS.map((e) => (
          <label key={e} className="inline">
            <input
              type="checkbox"
              checked={p.events.includes(e)}
              onChange={(x) =>
                setP({ ...p, events: x.target.checked ? [...p.events, e] : p.events.filter((y) => y !== e) })
              }
            />{' '}
            {eventName(e)}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          {t('prefs.sectors')}
          <input name="sectors" value={p.sectors} onChange={(e) => setP({ ...p, sectors: e.target.value })} />
        </label>
        <label>
          {t('prefs.email')}
          <input
            name="email"
            type="email"
            value={p.email}
            onChange={(e) => setP({ ...p, email: e.target.value })}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={p.emailEnabled}
            onChange={(e) => setP({ ...p, emailEnabled: e.target.checked })}
          />{' '}
          {t('prefs.alsoEmail')}
        </label>
      </div>
    </ConfirmedForm>
  );
}

// ---------------------------------------------------------------- meetings

/** Meetings, live notifications of the cell's work, and (cell staff) a form to schedule one. */
export function MeetingsPage({ user }: { readonly user: User }) {
  const { t } = useTranslation('cellwork');
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/meetings/${version}`, (s) => cellApi.meetings(s));
  if (load.state === 'loading') return <p className="page-status">{t('meetings.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('meetings.title')}</h1>
        <p className="summary">{t('mayRead', { count: load.data.meetings.length })}</p>
      </div>
      <Downloads list="/api/meetings" what="the meetings" />
      <LiveNotices />
      {load.data.meetings.length === 0 ? (
        <p className="banner">{t('meetings.none')}</p>
      ) : (
        <table className="grid" data-testid="meetings-table">
          <TableHead
            columns={[
              t('meetings.table.when'),
              t('meetings.table.meeting'),
              t('meetings.table.where'),
              t('releasability'),
            ]}
          />
          <tbody>
            {load.data.meetings.map((m) => (
              <tr key={m.id}>
                <td>{when(m.startsAt)}</td>
                <td>
                  <a href={`#/cell/meetings/${encodeURIComponent(m.id)}`}>{m.title}</a>
                  <div className="muted">{t('meetings.agendaItems', { count: m.agenda.length })}</div>
                </td>
                <td>{m.place || '—'}</td>
                <td>
                  <Releasability label={m.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRole(user, 'cell_staff') && <MeetingForm onCreated={() => setVersion((v) => v + 1)} />}
    </main>
  );
}

/** The cell's notifications, newest first, kept current by the live stream. */
function LiveNotices() {
  const { t } = useTranslation('cellwork');
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/notifications/${version}`, (s) => cellApi.notifications(s));
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/cell/live');
    source.addEventListener('cell', () => setVersion((v) => v + 1));
    return () => source.close();
  }, []);
  if (load.state !== 'ready') return null;
  const list = load.data.notifications.slice(0, 8);
  return (
    <section data-testid="cell-notices">
      <h2>{t('notices.title')}</h2>
      {list.length > 0 && <Downloads list="/api/cell/notifications" what="the notifications" />}
      {list.length === 0 ? (
        <p className="muted">{t('notices.none')}</p>
      ) : (
        <ul>
          {list.map((n) => (
            <li key={n.id}>
              <span className="muted">{when(n.at)}</span>{' '}
              {t('notices.line', { event: eventName(n.event), message: noticeWords(n) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('cellwork');
  const [f, setF] = useState({ title: '', startsAt: '', place: '', agenda: '', releasability: 'COALITION' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const agenda = () =>
    f.agenda
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
  return (
    <ConfirmedForm
      title={t('meetingForm.title')}
      testId="meeting-form"
      confirmLabel={t('meetingForm.confirmLabel')}
      summary={() =>
        t('meetingForm.summary', {
          title: f.title,
          at: f.startsAt ? formatUtc(f.startsAt) : '—',
          place: f.place ? t('meetingForm.atPlace', { place: f.place }) : '',
          items: t('meetings.agendaItems', { count: agenda().length }),
          releasability: f.releasability,
        })
      }
      send={async () => {
        const m = await cellApi.createMeeting({
          title: f.title,
          startsAt: f.startsAt ? `${f.startsAt}:00Z` : '',
          place: f.place,
          agenda: agenda(),
          releasability: f.releasability,
        });
        onCreated();
        return (
          <>
            {t('meetingForm.scheduled')} <a href={`#/cell/meetings/${encodeURIComponent(m.id)}`}>{m.title}</a>
            .
          </>
        );
      }}
    >
      <div className="form-row">
        <label>
          {t('meetingForm.titleField')}
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label>
          {t('meetingForm.starts')}
          <input name="startsAt" type="datetime-local" value={f.startsAt} onChange={set('startsAt')} />
        </label>
        <label>
          {t('meetingForm.place')}
          <input name="place" value={f.place} onChange={set('place')} />
        </label>
        <label>
          {t('releasability')}
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
      <label>
        {t('meetingForm.agenda')}
        <textarea name="agenda" rows={3} value={f.agenda} onChange={set('agenda')} />
      </label>
    </ConfirmedForm>
  );
}

/** One meeting: agenda, attendance (with its form), documents, decisions and actions; a print view. */
export function MeetingPage({ id, user }: { readonly id: string; readonly user: User }) {
  const { t } = useTranslation('cellwork');
  const [version, setVersion] = useState(0);
  const nations = useNations();
  const load = useLoadKeeping(`cell/meeting/${id}/${version}`, (s) => cellApi.meeting(id, s));
  const [att, setAtt] = useState({ nation: '', delegationLevel: 'minister' as DelegationLevel, person: '' });
  const [doc, setDoc] = useState({ title: '', url: '' });
  if (load.state === 'loading') return <p className="page-status">{t('meeting.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { meeting: m, attendance, documents, decisions, actions } = load.data;
  const staff = hasRole(user, 'cell_staff');
  const refresh = () => setVersion((v) => v + 1);
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{m.title}</h1>
        <Releasability label={m.releasability} />
      </div>
      <p>
        {when(m.startsAt)}
        {m.place && ` · ${m.place}`} ·{' '}
        <a href={`/api/meetings/${encodeURIComponent(m.id)}/record`} target="_blank" rel="noreferrer">
          {t('meeting.printable')}
        </a>{' '}
        ·{' '}
        <a
          href={`/api/meetings/${encodeURIComponent(m.id)}/record.pdf?lang=${currentLanguage()}`}
          target="_blank"
          rel="noreferrer"
          data-testid="meeting-pdf"
        >
          {t('meeting.pdf')}
        </a>
      </p>
      <h2>{t('meeting.agenda')}</h2>
      {m.agenda.length === 0 ? (
        <p className="muted">{t('meeting.noAgenda')}</p>
      ) : (
        <ol>
          {m.agenda.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ol>
      )}
      <h2>{t('meeting.attendance')}</h2>
      {attendance.length === 0 ? (
        <p className="muted">{t('meeting.noAttendance')}</p>
      ) : (
        <table className="grid" data-testid="attendance-table">
          <TableHead columns={[t('nation'), t('delegationLevel'), t('meeting.person')]} />
          <tbody>
            {attendance.map((a) => (
              <tr key={`${a.nation}:${a.person}`}>
                <td>{nation(a.nation, a.nationName)}</td>
                <td>{levelName(a.delegationLevel)}</td>
                <td>{a.person}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {staff && (
        <ConfirmedForm
          title={t('attendanceForm.title')}
          testId="attendance-form"
          confirmLabel={t('attendanceForm.confirmLabel')}
          summary={() =>
            t('attendanceForm.summary', {
              person: att.person || '—',
              nation: nations.find((n) => n.iso3 === att.nation)?.name ?? t('noNationChosen'),
              level: levelName(att.delegationLevel).toLowerCase(),
            })
          }
          send={async () => {
            const a = await cellApi.attend(m.id, att);
            refresh();
            return t('attendanceForm.recorded', { person: a.person, nation: nation(a.nation, a.nationName) });
          }}
        >
          <div className="form-row">
            <label htmlFor="cell-nation">
              {t('nation')}
              <NationSelect
                name="nation"
                value={att.nation}
                onChange={(v) => setAtt({ ...att, nation: v })}
                nations={nations}
              />
            </label>
            <label htmlFor="cell-delegationLevel">
              {t('delegationLevel')}
              <LevelSelect
                value={att.delegationLevel}
                onChange={(v) => setAtt({ ...att, delegationLevel: v })}
              />
            </label>
            <label>
              {t('meeting.person')}
              <input
                name="person"
                value={att.person}
                onChange={(e) => setAtt({ ...att, person: e.target.value })}
              />
            </label>
          </div>
        </ConfirmedForm>
      )}
      <h2>{t('meeting.documents')}</h2>
      {documents.length === 0 ? (
        <p className="muted">{t('meeting.noDocuments')}</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li key={d.url + d.title}>
              <a href={d.url} rel="noreferrer">
                {d.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {staff && (
        <ConfirmedForm
          title={t('documentForm.title')}
          testId="document-form"
          confirmLabel={t('documentForm.confirmLabel')}
          summary={() => t('documentForm.summary', { title: doc.title, url: doc.url })}
          send={async () => {
            await cellApi.addDocument(m.id, doc);
            refresh();
            return t('documentForm.added', { title: doc.title });
          }}
        >
          <div className="form-row">
            <label>
              {t('meetingForm.titleField')}
              <input
                name="docTitle"
                value={doc.title}
                onChange={(e) => setDoc({ ...doc, title: e.target.value })}
              />
            </label>
            <label>
              {t('documentForm.url')}
              <input name="url" value={doc.url} onChange={(e) => setDoc({ ...doc, url: e.target.value })} />
            </label>
          </div>
        </ConfirmedForm>
      )}
      <h2>{t('meeting.decisions')}</h2>
      {decisions.length === 0 ? (
        <p className="muted">{t('meeting.noneRecorded')}</p>
      ) : (
        <ul>
          {decisions.map((d) => (
            <li key={d.id}>
              <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a> — {d.decidedBy},{' '}
              {nation(d.nation, d.nationName)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('meeting.actions')}</h2>
      <ActionTable actions={actions} />
    </main>
  );
}
