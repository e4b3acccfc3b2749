/**
 * The cell's own work (issue 21): decisions (list, record, then beside now), the actions board
 * with the overdue list per nation, and meetings with attendance, documents and a print view.
 * Every write is reviewed in words and confirmed first; the server audits it.
 */
import type { Action, DecisionLink, Nation, User } from '@guarantor/core/api';
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUSES,
  type ActionStatus,
  CELL_EVENT_NAMES,
  CELL_EVENTS,
  type CellEvent,
  DELEGATION_LEVEL_NAMES,
  DELEGATION_LEVELS,
  type DelegationLevel,
  LINK_KIND_NAMES,
  LINK_KINDS,
  type LinkKind,
} from '@guarantor/core/cellwork';
import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, hasRole, type Outcome, OutcomeBanner, refusal, useLoadKeeping } from '../forms.tsx';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { cellApi } from './api.ts';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The coalition's nations, for the pickers. */
function useNations(): readonly Nation[] {
  const [nations, setNations] = useState<readonly Nation[]>([]);
  useEffect(() => {
    const c = new AbortController();
    api.nations(c.signal).then(
      (r) => setNations([...r.nations].sort((a, b) => a.name.localeCompare(b.name))),
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
  return (
    <select id={`cell-${name}`} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a nation</option>
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
          {DELEGATION_LEVEL_NAMES[l]}
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
            Review
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
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/decisions/${version}`, (s) => cellApi.decisions(s));
  if (load.state === 'loading') return <p className="page-status">Loading decisions…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const decisions = load.data.decisions;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Decisions of the cell</h1>
        <p className="summary">{decisions.length} you may read</p>
      </div>
      <Downloads list="/api/decisions" what="the decisions" />
      {hasRole(user, 'cell_staff') && <DecisionForm onRecorded={() => setVersion((v) => v + 1)} />}
      {decisions.length === 0 ? (
        <p className="banner">No decision recorded yet.</p>
      ) : (
        <table className="grid" data-testid="decisions-table">
          <TableHead columns={['Decided on', 'Decision', 'By', 'Authority', 'Releasability']} />
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.decidedOn}</td>
                <td>
                  <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a>
                  <div className="muted">{d.id}</div>
                </td>
                <td>
                  {d.decidedBy}, {d.nationName} ({d.delegationLevelName})
                </td>
                <td>{d.authority}</td>
                <td>
                  <Releasability label={d.releasability} />
                  {d.labelWidened && <div className="muted">widened: {d.widenReason}</div>}
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
  const nations = useNations();
  const [f, setF] = useState({
    title: '',
    text: '',
    decidedOn: new Date().toISOString().slice(0, 10),
    nation: '',
    delegationLevel: 'minister' as DelegationLevel,
    decidedBy: '',
    authority: '',
    links: '',
    releasability: 'COALITION',
    widen: false,
    widenReason: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  /** One record a line: "kind id", e.g. "incident inc-obs-1@FRA" or "daily_report 2026-11-19". */
  const links = () =>
    f.links
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [kind = '', ...rest] = l.split(/\s+/);
        return { kind: kind as LinkKind, id: rest.join(' ') };
      });
  return (
    <ConfirmedForm
      title="Record a decision"
      testId="decision-form"
      confirmLabel="Record the decision"
      summary={() => (
        <>
          Record “{f.title}”, decided on {f.decidedOn} by {f.decidedBy || '—'} (
          {nations.find((n) => n.iso3 === f.nation)?.name ?? 'no nation chosen'},{' '}
          {DELEGATION_LEVEL_NAMES[f.delegationLevel]}) under {f.authority || '—'}, resting on {links().length}{' '}
          record(s), releasable {f.releasability}
          {f.widen ? `, wider than its records because: ${f.widenReason}` : ''}? The audit log keeps who
          recorded it.
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
        return (
          <>
            Recorded: <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a> ({d.id}).
          </>
        );
      }}
    >
      <div className="form-row">
        <label>
          What was decided
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label>
          Decided on
          <input name="decidedOn" type="date" value={f.decidedOn} onChange={set('decidedOn')} />
        </label>
        <label htmlFor="cell-nation">
          Nation
          <NationSelect
            name="nation"
            value={f.nation}
            onChange={(v) => setF({ ...f, nation: v })}
            nations={nations}
          />
        </label>
        <label htmlFor="cell-delegationLevel">
          Delegation level
          <LevelSelect value={f.delegationLevel} onChange={(v) => setF({ ...f, delegationLevel: v })} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Decided by (person or office)
          <input name="decidedBy" value={f.decidedBy} onChange={set('decidedBy')} />
        </label>
        <label>
          Under which authority
          <input name="authority" value={f.authority} onChange={set('authority')} />
        </label>
        <label>
          Releasability
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
      <label>
        The decision in full
        <textarea name="text" rows={2} value={f.text} onChange={set('text')} />
      </label>
      <label>
        Records it rests on, one a line: kind and id (kinds:{' '}
        {LINK_KINDS.map((k) => `${k} = ${LINK_KIND_NAMES[k]}`).join('; ')})
        <textarea
          name="links"
          rows={3}
          value={f.links}
          onChange={set('links')}
          placeholder="daily_report 2026-11-19"
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={f.widen} onChange={(e) => setF({ ...f, widen: e.target.checked })} />{' '}
        The label is wider than its records allow, and I confirm it
      </label>
      {f.widen && (
        <label>
          Why it may be wider
          <input name="widenReason" value={f.widenReason} onChange={set('widenReason')} />
        </label>
      )}
    </ConfirmedForm>
  );
}

function State({ state }: { state: Record<string, unknown> | null }) {
  if (!state) return <p className="muted">Gone, or no longer releasable to you.</p>;
  return (
    <dl className="compact">
      {Object.entries(state).map(([k, v]) => (
        <div key={k}>
          <dt>{k.replace(/([A-Z])/g, ' $1').toLowerCase()}</dt>
          <dd>{typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '—')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One decision: who, under which authority, and each record then beside now. */
export function DecisionPage({ id }: { readonly id: string }) {
  const load = useLoad(`cell/decision/${id}`, (s) => cellApi.decision(id, s));
  if (load.state === 'loading') return <p className="page-status">Loading the decision…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { decision: d, links, actions } = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{d.title}</h1>
        <Releasability label={d.releasability} />
      </div>
      <p>
        Decided on <strong>{d.decidedOn}</strong> by <strong>{d.decidedBy}</strong> ({d.nationName},{' '}
        {d.delegationLevelName}) under {d.authority}. Recorded by {d.recordedBy} at {when(d.recordedAt)}.
        {d.labelWidened && (
          <>
            {' '}
            Its records allow {d.bound}; it was widened because: {d.widenReason}.
          </>
        )}
      </p>
      {d.text && <p>{d.text}</p>}
      <h2>The records it rested on: when decided, and today</h2>
      {links.length === 0 && <p className="muted">No record you may read.</p>}
      {links.map((l: DecisionLink) => (
        <section key={`${l.kind}:${l.recordId}`} className="confirm-panel" data-testid="decision-link">
          <h3>
            {l.kindName}: {l.title} <Releasability label={l.releasability} />
          </h3>
          <p className="muted">
            {l.kept === 'version'
              ? `Then: version ${l.version}, read back from its own history.`
              : `Then: the record as read on ${when(l.linkedAt)} (SHA-256 ${l.thenSha256.slice(0, 12)}…).`}{' '}
            {l.changed.length === 0 ? 'Unchanged since.' : `Changed since: ${l.changed.join(', ')}.`}
          </p>
          <div className="form-row">
            <div>
              <h4>When decided</h4>
              <State state={l.atDecision} />
            </div>
            <div>
              <h4>Today</h4>
              <State state={l.today} />
            </div>
          </div>
        </section>
      ))}
      <h2>Actions it raised</h2>
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
  if (actions.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="grid" data-testid="actions-table">
      <TableHead
        columns={[
          'Action',
          'Owner',
          'Due',
          'Status',
          'Raised by',
          'Releasability',
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
              {a.ownerNationName}
              {a.ownerPerson && <div className="muted">{a.ownerPerson}</div>}
            </td>
            <td>
              {when(a.dueAt)}
              {a.overdue && <div className="blind">overdue</div>}
            </td>
            <td>{a.statusName}</td>
            <td>{a.createdFrom}</td>
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
  const may = hasRole(user, 'cell_staff') || (hasRole(user, 'liaison') && user.nation === action.ownerNation);
  if (!may) return null;
  return (
    <div>
      <select
        value={to}
        onChange={(e) => setTo(e.target.value as ActionStatus)}
        aria-label={`New status of ${action.id}`}
      >
        <option value="">Change status…</option>
        {ACTION_STATUSES.filter((s) => s !== action.status).map((s) => (
          <option key={s} value={s}>
            {ACTION_STATUS_NAMES[s]}
          </option>
        ))}
      </select>
      {to && (
        <Confirm
          question={`Mark “${action.title}” (${action.ownerNationName}) as ${ACTION_STATUS_NAMES[to].toLowerCase()}?`}
          confirmLabel="Change the status"
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
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/actions/${version}`, async (s) => ({
    actions: (await cellApi.actions(s)).actions,
    overdue: await cellApi.overdue(s),
    meetings: (await cellApi.meetings(s)).meetings,
    decisions: (await cellApi.decisions(s)).decisions,
  }));
  if (load.state === 'loading') return <p className="page-status">Loading actions…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { actions, overdue } = load.data;
  const refresh = () => setVersion((v) => v + 1);
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Actions</h1>
        <p className="summary">
          {actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length} open,{' '}
          {overdue.nations.reduce((n, g) => n + g.actions.length, 0)} overdue
        </p>
      </div>
      <Downloads list="/api/actions" what="the actions" />
      <h2>Overdue, per nation</h2>
      {overdue.nations.length === 0 ? (
        <p className="muted">Nothing overdue as of {when(overdue.asOf)}.</p>
      ) : (
        overdue.nations.map((g) => (
          <section key={g.nation} data-testid="overdue-nation">
            <h3>
              {g.nationName}: {g.actions.length} overdue
            </h3>
            <ActionTable actions={g.actions} />
          </section>
        ))
      )}
      {ACTION_STATUSES.map((s) => (
        <section key={s}>
          <h2>{ACTION_STATUS_NAMES[s]}</h2>
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
      title="Create an action"
      testId="action-form"
      confirmLabel="Create the action"
      summary={() => (
        <>
          {nations.find((n) => n.iso3 === f.ownerNation)?.name ?? 'No nation'}
          {f.ownerPerson ? ` (${f.ownerPerson})` : ''} must “{f.title}” by{' '}
          {f.due ? `${f.due.replace('T', ' ')} UTC` : '—'}; releasable {f.releasability}. Reminders go before
          the due date.
        </>
      )}
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
        return `Created ${a.id} for ${a.ownerNationName}, due ${when(a.dueAt)}.`;
      }}
    >
      <div className="form-row">
        <label>
          What must be done
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label htmlFor="cell-ownerNation">
          Owner nation
          <NationSelect
            name="ownerNation"
            value={f.ownerNation}
            onChange={(v) => setF({ ...f, ownerNation: v })}
            nations={nations}
          />
        </label>
        <label>
          Owner (person)
          <input name="ownerPerson" value={f.ownerPerson} onChange={set('ownerPerson')} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Due (UTC)
          <input name="due" type="datetime-local" value={f.due} onChange={set('due')} />
        </label>
        <label>
          Raised by
          <select name="source" value={f.source} onChange={set('source')}>
            <option value="">Choose a decision or meeting</option>
            {decisions.map((d) => (
              <option key={d.id} value={`decision:${d.id}`}>
                Decision: {d.title}
              </option>
            ))}
            {meetings.map((m) => (
              <option key={m.id} value={`meeting:${m.id}`}>
                Meeting: {m.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Releasability
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
    </ConfirmedForm>
  );
}

function PreferencesForm() {
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
      title="Your notifications"
      testId="preferences-form"
      confirmLabel="Save my notifications"
      summary={() => (
        <>
          Tell me of: {p.events.map((e) => CELL_EVENT_NAMES[e].toLowerCase()).join('; ') || 'nothing'}
          {p.sectors ? `, in sectors ${p.sectors}` : ', in every sector'}; in the app
          {p.emailEnabled ? ` and by e-mail to ${p.email}` : ' only'}?
        </>
      )}
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
        return 'Saved.';
      }}
    >
      <fieldset>
        <legend>Events</legend>
        {CELL_EVENTS.map((e) => (
          <label key={e} className="inline">
            <input
              type="checkbox"
              checked={p.events.includes(e)}
              onChange={(x) =>
                setP({ ...p, events: x.target.checked ? [...p.events, e] : p.events.filter((y) => y !== e) })
              }
            />{' '}
            {CELL_EVENT_NAMES[e]}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          Sectors (ids, comma-separated; empty: every sector)
          <input name="sectors" value={p.sectors} onChange={(e) => setP({ ...p, sectors: e.target.value })} />
        </label>
        <label>
          E-mail address
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
          Also by e-mail
        </label>
      </div>
    </ConfirmedForm>
  );
}

// ---------------------------------------------------------------- meetings

/** Meetings, live notifications of the cell's work, and (cell staff) a form to schedule one. */
export function MeetingsPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const load = useLoadKeeping(`cell/meetings/${version}`, (s) => cellApi.meetings(s));
  if (load.state === 'loading') return <p className="page-status">Loading meetings…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Meetings</h1>
        <p className="summary">{load.data.meetings.length} you may read</p>
      </div>
      <Downloads list="/api/meetings" what="the meetings" />
      <LiveNotices />
      {load.data.meetings.length === 0 ? (
        <p className="banner">No meeting recorded yet.</p>
      ) : (
        <table className="grid" data-testid="meetings-table">
          <TableHead columns={['When', 'Meeting', 'Where', 'Releasability']} />
          <tbody>
            {load.data.meetings.map((m) => (
              <tr key={m.id}>
                <td>{when(m.startsAt)}</td>
                <td>
                  <a href={`#/cell/meetings/${encodeURIComponent(m.id)}`}>{m.title}</a>
                  <div className="muted">{m.agenda.length} agenda items</div>
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
      <h2>Latest in the cell (live)</h2>
      {list.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ul>
          {list.map((n) => (
            <li key={n.id}>
              <span className="muted">{when(n.at)}</span> {n.eventName}: {n.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingForm({ onCreated }: { onCreated: () => void }) {
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
      title="Schedule a meeting"
      testId="meeting-form"
      confirmLabel="Schedule the meeting"
      summary={() => (
        <>
          “{f.title}” on {f.startsAt ? `${f.startsAt.replace('T', ' ')} UTC` : '—'}
          {f.place ? ` at ${f.place}` : ''}, {agenda().length} agenda items, releasable {f.releasability}?
        </>
      )}
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
            Scheduled: <a href={`#/cell/meetings/${encodeURIComponent(m.id)}`}>{m.title}</a>.
          </>
        );
      }}
    >
      <div className="form-row">
        <label>
          Title
          <input name="title" value={f.title} onChange={set('title')} />
        </label>
        <label>
          Starts (UTC)
          <input name="startsAt" type="datetime-local" value={f.startsAt} onChange={set('startsAt')} />
        </label>
        <label>
          Place
          <input name="place" value={f.place} onChange={set('place')} />
        </label>
        <label>
          Releasability
          <input name="releasability" value={f.releasability} onChange={set('releasability')} />
        </label>
      </div>
      <label>
        Agenda, one item a line
        <textarea name="agenda" rows={3} value={f.agenda} onChange={set('agenda')} />
      </label>
    </ConfirmedForm>
  );
}

/** One meeting: agenda, attendance (with its form), documents, decisions and actions; a print view. */
export function MeetingPage({ id, user }: { readonly id: string; readonly user: User }) {
  const [version, setVersion] = useState(0);
  const nations = useNations();
  const load = useLoadKeeping(`cell/meeting/${id}/${version}`, (s) => cellApi.meeting(id, s));
  const [att, setAtt] = useState({ nation: '', delegationLevel: 'minister' as DelegationLevel, person: '' });
  const [doc, setDoc] = useState({ title: '', url: '' });
  if (load.state === 'loading') return <p className="page-status">Loading the meeting…</p>;
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
          Printable record
        </a>
      </p>
      <h2>Agenda</h2>
      {m.agenda.length === 0 ? (
        <p className="muted">No agenda.</p>
      ) : (
        <ol>
          {m.agenda.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ol>
      )}
      <h2>Attendance</h2>
      {attendance.length === 0 ? (
        <p className="muted">No attendance recorded.</p>
      ) : (
        <table className="grid" data-testid="attendance-table">
          <TableHead columns={['Nation', 'Delegation level', 'Person']} />
          <tbody>
            {attendance.map((a) => (
              <tr key={`${a.nation}:${a.person}`}>
                <td>{a.nationName}</td>
                <td>{a.delegationLevelName}</td>
                <td>{a.person}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {staff && (
        <ConfirmedForm
          title="Record attendance"
          testId="attendance-form"
          confirmLabel="Record the attendance"
          summary={() => (
            <>
              {att.person || '—'} attended for{' '}
              {nations.find((n) => n.iso3 === att.nation)?.name ?? 'no nation chosen'} as{' '}
              {DELEGATION_LEVEL_NAMES[att.delegationLevel].toLowerCase()}?
            </>
          )}
          send={async () => {
            const a = await cellApi.attend(m.id, att);
            refresh();
            return `Recorded: ${a.person} for ${a.nationName}.`;
          }}
        >
          <div className="form-row">
            <label htmlFor="cell-nation">
              Nation
              <NationSelect
                name="nation"
                value={att.nation}
                onChange={(v) => setAtt({ ...att, nation: v })}
                nations={nations}
              />
            </label>
            <label htmlFor="cell-delegationLevel">
              Delegation level
              <LevelSelect
                value={att.delegationLevel}
                onChange={(v) => setAtt({ ...att, delegationLevel: v })}
              />
            </label>
            <label>
              Person
              <input
                name="person"
                value={att.person}
                onChange={(e) => setAtt({ ...att, person: e.target.value })}
              />
            </label>
          </div>
        </ConfirmedForm>
      )}
      <h2>Documents</h2>
      {documents.length === 0 ? (
        <p className="muted">No documents.</p>
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
          title="Add a document (a link)"
          testId="document-form"
          confirmLabel="Add the document"
          summary={() => `Link “${doc.title}” (${doc.url}) to this meeting?`}
          send={async () => {
            await cellApi.addDocument(m.id, doc);
            refresh();
            return `Added ${doc.title}.`;
          }}
        >
          <div className="form-row">
            <label>
              Title
              <input
                name="docTitle"
                value={doc.title}
                onChange={(e) => setDoc({ ...doc, title: e.target.value })}
              />
            </label>
            <label>
              Address (https://… or /api/…)
              <input name="url" value={doc.url} onChange={(e) => setDoc({ ...doc, url: e.target.value })} />
            </label>
          </div>
        </ConfirmedForm>
      )}
      <h2>Decisions taken</h2>
      {decisions.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <ul>
          {decisions.map((d) => (
            <li key={d.id}>
              <a href={`#/cell/decisions/${encodeURIComponent(d.id)}`}>{d.title}</a> — {d.decidedBy},{' '}
              {d.nationName}
            </li>
          ))}
        </ul>
      )}
      <h2>Actions raised</h2>
      <ActionTable actions={actions} />
    </main>
  );
}
