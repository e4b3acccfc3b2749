import type { Breach, BreachResponse, Rung, User } from '@guarantor/core/api';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, hasRole, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatDay, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
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
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('breach.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { breaches, ladder, gate } = load.data;
  const staff = hasRole(user, 'cell_staff');
  const notHolding = gate.sectors;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('breach.title')}</h1>
        <p className="summary">
          {breaches.breaches.length === 0
            ? t('breach.none')
            : t('breach.count', { count: breaches.breaches.length })}{' '}
          ·{' '}
          {notHolding.length === 0
            ? t('breach.allHold')
            : t('breach.notHoldingCount', { count: notHolding.length })}
        </p>
      </div>
      <Downloads list="/api/phases/breaches" what="the breaches" />
      <p className="muted">
        {t('breach.intro')}
        {notHolding.length > 0 && (
          <>
            {' '}
            {t('breach.notHoldingNow')}{' '}
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
          {t('breach.noneYet', { staff: staff ? t('breach.noneYetStaff') : '' })}
        </p>
      ) : (
        <table className="grid" data-testid="breaches-table">
          <TableHead
            columns={[
              t('breach.col.day'),
              t('breach.col.sector'),
              t('breach.col.rule'),
              t('breach.col.rung'),
              t('breach.col.response'),
              { num: t('breach.col.elapsed') },
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
      <h2 className="section-title">{t('ladder.title')}</h2>
      <ol className="rule-results" data-testid="ladder">
        {ladder.rungs.map((r) => (
          <li key={r.id} title={r.id}>
            <strong>{r.title}</strong>{' '}
            {t('ladder.within', { hours: r.respondWithinHours, nations: r.nations.join(', ') })}
            {r.rules.length > 0 && (
              <span className="muted"> · {t('ladder.forRules', { rules: r.rules.join(', ') })}</span>
            )}
            {r.minSectors > 1 && <span className="muted"> · {t('ladder.when', { n: r.minSectors })}</span>}
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
  const { t } = useTranslation('phases');
  return (
    <>
      <tr data-testid={`breach-${b.id}`}>
        <td>{formatDay(b.asOf)}</td>
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
            <span className="muted">{t('breach.noRung')}</span>
          )}
        </td>
        <td>
          {b.responses.length === 0 ? (
            <span className="muted">{t('breach.noneResponse')}</span>
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
              {open ? t('breach.close') : t('breach.recordResponse')}
            </button>
          )}
        </td>
        <td className="num">
          {b.elapsedHours === null ? '—' : t('breach.hours', { n: b.elapsedHours })}
          {b.withinCommitment === false && (
            <span className="status-pill status-broken">{t('breach.late')}</span>
          )}
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

/** The server's field names → the form's labels, in the reader's language. */
const fieldWords = () => ({
  'body.rungId': i18n.t('phases:rfield.rungId'),
  'body.note': i18n.t('phases:rfield.note'),
});

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
  const { t } = useTranslation('phases');
  const FIELDS = fieldWords();

  function review(event: FormEvent) {
    event.preventDefault();
    const out: FieldProblem[] = [];
    if (!rung) out.push({ field: FIELDS['body.rungId'], message: t('rprob.rung') });
    if (note.length > 2000) out.push({ field: FIELDS['body.note'], message: t('rprob.note') });
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
        title={t('rrec.title', { rung: rung?.title ?? recorded.rungId, sector: names.sector(breach.sector) })}
      >
        <p>
          {rung
            ? t(recorded.elapsedHours <= rung.respondWithinHours ? 'rrec.within' : 'rrec.later', {
                hours: recorded.elapsedHours,
                limit: rung.respondWithinHours,
              })
            : t('rrec.plain', { hours: recorded.elapsedHours })}{' '}
          <button type="button" className="link-button" onClick={onRecorded}>
            {t('rrec.show')}
          </button>
        </p>
        <AuditTrail entity="breach" entityId={breach.id} refresh={recorded.decidedAt} />
      </Recorded>
    );

  return (
    <form className="phase-form inline-form" onSubmit={review} noValidate data-testid="response-form">
      <h3>{t('rform.title')}</h3>
      <div className="form-row">
        <label>
          {FIELDS['body.rungId']}
          <select
            name="rung"
            value={rungId}
            onChange={(e) => setRungId(e.target.value)}
            disabled={step !== 'edit'}
          >
            <option value="">{t('rform.choose')}</option>
            {rungs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
                {breach.proposedRung?.id === r.id ? t('rform.proposed') : ''}
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
        reviewLabel={t('rform.review')}
        title={t('rform.check')}
        confirmLabel={t('rform.record')}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          <Trans
            t={t}
            i18nKey="rform.summary"
            values={{
              rule: breach.rule,
              sector: names.sector(breach.sector),
              date: formatDay(breach.asOf),
              rung: rung?.title ?? '',
              details: rung
                ? t('rform.details', { nations: rung.nations.join(', '), hours: rung.respondWithinHours })
                : '',
              note: note.trim() ? t('rform.note', { note: note.trim() }) : '',
            }}
            components={{ code: <span className="code" />, b: <strong /> }}
          />
        </p>
      </ReviewThenSend>
    </form>
  );
}
