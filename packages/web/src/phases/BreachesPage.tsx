import type { Breach, BreachResponse, Rung, User } from '@guarantor/core/api';
import { type FormEvent, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatUtc } from '../i18n/format.ts';
import { TableHead } from '../TableHead.tsx';
import { phasesApi } from './api.ts';
import { type Names, statusWords, useNames } from './words.ts';

/** Breaches of the rules in holding sectors, the ladder's proposed rung, and the cell's responses. */
export function BreachesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const names = useNames();
  const load = useLoadKeeping(`phases/breaches/${version}`, async (signal) => ({
    breaches: await phasesApi.breaches(signal),
    ladder: await phasesApi.ladder(signal),
    gate: await phasesApi.gate(signal),
  }));
  const [open, setOpen] = useState<string | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading breaches…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { breaches, ladder, gate } = load.data;
  const staff = hasRole(user, 'cell_staff');
  const notHolding = gate.sectors;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Breaches and responses</h1>
        <p className="summary">
          {breaches.breaches.length === 0
            ? 'No breach recorded'
            : `${breaches.breaches.length} breach${breaches.breaches.length === 1 ? '' : 'es'} recorded`}{' '}
          ·{' '}
          {notHolding.length === 0
            ? 'every sector holds now'
            : `${notHolding.length} sector${notHolding.length === 1 ? '' : 's'} not holding now`}
        </p>
      </div>
      <Downloads list="/api/phases/breaches" what="the breaches" />
      <p className="muted">
        A breach is recorded when a rule breaks in a sector that was holding; the ladder proposes a response
        rung and the cell records what it decided.
        {notHolding.length > 0 && (
          <>
            {' '}
            Not holding now:{' '}
            {notHolding.map((s, i) => (
              <span key={s.sector} title={s.sector}>
                {i > 0 && ', '}
                {names.sector(s.sector)} ({statusWords(s.status).toLowerCase()})
              </span>
            ))}
            .
          </>
        )}
      </p>
      {breaches.breaches.length === 0 ? (
        <p className="banner" data-testid="no-breaches">
          No breach recorded yet. When a holding sector breaks a rule it appears here with the rung the ladder
          proposes{staff ? ', and you can record the cell’s response' : ''}.
        </p>
      ) : (
        <table className="grid" data-testid="breaches-table">
          <TableHead
            columns={[
              'Day',
              'Sector',
              'Rule broken',
              'Proposed rung (committed nations)',
              'Response',
              { num: 'Breach → response' },
            ]}
          />
          <tbody>
            {breaches.breaches.map((b) => (
              <BreachRow
                key={b.id}
                breach={b}
                rungs={ladder.rungs}
                names={names}
                staff={staff}
                open={open === b.id}
                onOpen={() => setOpen(open === b.id ? null : b.id)}
                onRecorded={() => setVersion((v) => v + 1)}
              />
            ))}
          </tbody>
        </table>
      )}
      <h2 className="section-title">The response ladder, mildest first</h2>
      <ol className="rule-results" data-testid="ladder">
        {ladder.rungs.map((r) => (
          <li key={r.id} title={r.id}>
            <strong>{r.title}</strong> within {r.respondWithinHours} h · committed: {r.nations.join(', ')}
            {r.rules.length > 0 && <span className="muted"> · for rules {r.rules.join(', ')}</span>}
            {r.minSectors > 1 && <span className="muted"> · when {r.minSectors} or more sectors break</span>}
          </li>
        ))}
      </ol>
    </main>
  );
}

function BreachRow({
  breach: b,
  rungs,
  names,
  staff,
  open,
  onOpen,
  onRecorded,
}: {
  readonly breach: Breach;
  readonly rungs: readonly Rung[];
  readonly names: Names;
  readonly staff: boolean;
  readonly open: boolean;
  readonly onOpen: () => void;
  readonly onRecorded: () => void;
}) {
  const rungTitle = (id: string) => rungs.find((r) => r.id === id)?.title ?? id;
  return (
    <>
      <tr data-testid={`breach-${b.id}`}>
        <td>{b.asOf}</td>
        <td title={b.sector}>{names.sector(b.sector)}</td>
        <td>
          <span className="code">{b.rule}</span> {names.words(b.explanation)}
        </td>
        <td>
          {b.proposedRung ? (
            <>
              {b.proposedRung.title} <span className="muted">({b.proposedRung.nations.join(', ')})</span>
            </>
          ) : (
            <span className="muted">no rung answers it</span>
          )}
        </td>
        <td>
          {b.responses.length === 0 ? (
            <span className="muted">none yet</span>
          ) : (
            b.responses.map((r) => (
              <div key={`${r.rungId} ${r.decidedAt}`} title={r.rungId}>
                {rungTitle(r.rungId)} — {r.decidedBy} ({r.nation}), {formatUtc(r.decidedAt)}
                {r.note && <div className="muted">{r.note}</div>}
              </div>
            ))
          )}
          {staff && (
            <button type="button" className="link-button" onClick={onOpen}>
              {open ? 'Close' : 'Record a response'}
            </button>
          )}
        </td>
        <td className="num">
          {b.elapsedHours === null ? '—' : `${b.elapsedHours} h`}
          {b.withinCommitment === false && <span className="status-pill status-broken">late</span>}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <ResponseForm breach={b} rungs={rungs} names={names} onRecorded={onRecorded} />
          </td>
        </tr>
      )}
    </>
  );
}

const FIELDS = { 'body.rungId': 'Response rung', 'body.note': 'Note' } as const;

/** Cell staff record the rung the cell decided on for one breach. */
function ResponseForm({
  breach,
  rungs,
  names,
  onRecorded,
}: {
  readonly breach: Breach;
  readonly rungs: readonly Rung[];
  readonly names: Names;
  readonly onRecorded: () => void;
}) {
  const [rungId, setRungId] = useState(breach.proposedRung?.id ?? '');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<BreachResponse | null>(null);
  const rung = rungs.find((r) => r.id === rungId);

  function review(event: FormEvent) {
    event.preventDefault();
    const out: FieldProblem[] = [];
    if (!rung)
      out.push({
        field: FIELDS['body.rungId'],
        message: 'choose the rung of the ladder the cell decided on',
      });
    if (note.length > 2000) out.push({ field: FIELDS['body.note'], message: 'at most 2,000 characters' });
    setProblems(out);
    setRefusal(null);
    if (out.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    try {
      setRecorded(await phasesApi.respond(breach.id, rungId, note.trim()));
      setStep('edit');
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  if (recorded)
    return (
      <Recorded
        title={`Recorded: ${rung?.title ?? recorded.rungId} in response to the breach in ${names.sector(breach.sector)}`}
      >
        <p>
          {recorded.elapsedHours} h after the breach was detected
          {rung && (recorded.elapsedHours <= rung.respondWithinHours ? ', within' : ', later than')} the
          ladder’s commitment{rung && ` of ${rung.respondWithinHours} h`}.{' '}
          <button type="button" className="link-button" onClick={onRecorded}>
            Show it in the table
          </button>
        </p>
        <AuditTrail entity="breach" entityId={breach.id} refresh={recorded.decidedAt} />
      </Recorded>
    );

  return (
    <form className="phase-form inline-form" onSubmit={review} noValidate data-testid="response-form">
      <h3>Record the cell’s response to this breach</h3>
      <div className="form-row">
        <label>
          {FIELDS['body.rungId']}
          <select
            name="rung"
            value={rungId}
            onChange={(e) => setRungId(e.target.value)}
            disabled={step !== 'edit'}
          >
            <option value="">Choose a rung…</option>
            {rungs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
                {breach.proposedRung?.id === r.id ? ' (proposed)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {FIELDS['body.note']}
          <input
            name="note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            disabled={step !== 'edit'}
          />
        </label>
      </div>
      <ReviewThenSend
        problems={problems}
        refusal={refusal}
        fields={FIELDS}
        step={step}
        reviewLabel="Review the response"
        title="Check the response before it is recorded"
        confirmLabel="Record the response"
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          The cell answers the breach of <span className="code">{breach.rule}</span> in{' '}
          <strong>{names.sector(breach.sector)}</strong> on {breach.asOf} with <strong>{rung?.title}</strong>
          {rung && ` (committed: ${rung.nations.join(', ')}; within ${rung.respondWithinHours} h)`}.
          {note.trim() && ` Note: “${note.trim()}”.`}
        </p>
      </ReviewThenSend>
    </form>
  );
}
