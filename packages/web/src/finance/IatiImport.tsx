import type { IatiImportResponse } from '@guarantor/core/api';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { plural } from '../labels.ts';
import { financeApi } from './api.ts';

/** A refusal or a report, as the officer reads it. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
  readonly notes: readonly string[];
  /** The server asks for a reason: disbursements exceed their commitment. */
  readonly needsReason?: boolean;
}

/**
 * Import an IATI 2.03 activity file (finance officers, cell staff): choose the file, check what
 * will happen, confirm; the report lists what was taken and each transaction skipped with its
 * reason, or each problem by element when the file is refused.
 */
export function IatiImport({
  onImported,
  outcome,
  setOutcome,
}: {
  readonly onImported: () => void;
  /** Kept by the page, so the report outlives the page's reload after an import. */
  readonly outcome: Outcome | null;
  readonly setOutcome: (outcome: Outcome | null) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [releasability, setReleasability] = useState('COALITION');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const name =
    source ||
    (file
      ? file.name
          .replace(/\.[^.]+$/, '')
          .toLowerCase()
          .replace(/[^a-z0-9_.-]+/g, '-')
      : '');
  const run = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r: IatiImportResponse = await financeApi.importIati(file, {
        source: name,
        releasability,
        reason,
      });
      setOutcome({
        ok: true,
        text: `Stored ${plural(r.stored, 'flow')} from ${plural(r.activities, 'activity', 'activities')} as ${r.source}${r.replaced > 0 ? `, replacing ${r.replaced}` : ''}; ${plural(r.skipped.length, 'transaction')} skipped. ${r.regions.booked} of ${plural(r.regions.withPoints, 'activity', 'activities')} with locations booked to one region of Ukraine; the rest count as national.`,
        notes: [
          ...r.skipped.map((s) => `Skipped ${s.element}: ${s.reason}`),
          ...r.overCommitted.map(
            (o) =>
              `${o.activityId}: ${o.disbursed} disbursed against ${o.committed} ${o.currency} committed (reason recorded)`,
          ),
        ],
      });
      onImported();
    } catch (error) {
      const details =
        error instanceof ApiError
          ? (error.details as {
              rejected?: { element: string; reason: string }[];
              overCommitted?: {
                activityId: string;
                committed: string;
                disbursed: string;
                currency: string;
              }[];
            } | null)
          : null;
      setOutcome({
        ok: false,
        text: error instanceof Error ? error.message : String(error),
        notes: [
          ...(details?.rejected ?? []).map((p) => `${p.element}: ${p.reason}`),
          ...(details?.overCommitted ?? []).map(
            (o) => `${o.activityId}: ${o.disbursed} disbursed against ${o.committed} ${o.currency} committed`,
          ),
        ],
        needsReason: (details?.overCommitted ?? []).length > 0,
      });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <form
      className="finance-import"
      onSubmit={(e) => {
        e.preventDefault();
        if (confirming) void run();
        else setConfirming(true);
      }}
    >
      <h2>Import an IATI activity file</h2>
      <p className="muted small">
        An IATI 2.03 activity file. Pledges, commitments, disbursements and expenditures become flows; other
        transaction types are skipped and listed. A file with any problem is refused whole. Importing the same
        source again replaces it.
      </p>
      <label>
        File{' '}
        <input
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setConfirming(false);
          }}
        />
      </label>
      <label>
        Source name{' '}
        <input
          value={source}
          placeholder={name}
          onChange={(e) => setSource(e.target.value)}
          pattern="[a-z0-9][a-z0-9_.\-]{0,63}"
        />
      </label>
      <label>
        Releasability <input value={releasability} onChange={(e) => setReleasability(e.target.value)} />
      </label>
      {outcome?.needsReason || reason ? (
        <label>
          Why disbursements exceed the commitment{' '}
          <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} required />
        </label>
      ) : null}
      {confirming && file ? (
        <p className="notice" role="status">
          Import {file.name} ({Math.ceil(file.size / 1024)} kB) as source “{name}”, releasable as{' '}
          {releasability}? It replaces what this source said before.
        </p>
      ) : null}
      <button type="submit" disabled={busy || !file}>
        {busy ? 'Importing…' : confirming ? 'Confirm import' : 'Import'}
      </button>
      {confirming ? (
        <button type="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      ) : null}
      {outcome ? (
        <div
          className={outcome.ok ? 'notice' : 'notice notice-breach'}
          role="status"
          data-testid="iati-outcome"
        >
          <p>{outcome.text}</p>
          {outcome.notes.length > 0 ? (
            <ul>
              {outcome.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
