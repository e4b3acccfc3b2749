import type { IatiImportResponse } from '@guarantor/core/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { formatCount } from '../i18n/format.ts';
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
  const { t } = useTranslation('finance');
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
        text: `${t('iati.stored', {
          flows: t('flows', { count: r.stored }),
          activities: t('iati.activities', { count: r.activities }),
          source: r.source,
        })}${r.replaced > 0 ? t('iati.replacing', { count: r.replaced }) : ''}; ${t('iati.skippedCount', { count: r.skipped.length })}. ${t('iati.regions', { booked: r.regions.booked, count: r.regions.withPoints })}`,
        notes: [
          ...r.skipped.map((s) => t('iati.skipped', { element: s.element, reason: s.reason })),
          ...r.overCommitted.map((o) =>
            t('iati.overCommittedRecorded', {
              activity: o.activityId,
              disbursed: o.disbursed,
              committed: o.committed,
              currency: o.currency,
            }),
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
          ...(details?.overCommitted ?? []).map((o) =>
            t('iati.overCommitted', {
              activity: o.activityId,
              disbursed: o.disbursed,
              committed: o.committed,
              currency: o.currency,
            }),
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
      <h2>{t('iati.title')}</h2>
      <p className="muted small">{t('iati.text')}</p>
      <label>
        {t('iati.file')}{' '}
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
        {t('iati.source')}{' '}
        <input
          value={source}
          placeholder={name}
          onChange={(e) => setSource(e.target.value)}
          pattern="[a-z0-9][a-z0-9_.\-]{0,63}"
        />
      </label>
      <label>
        {t('flow.releasability')}{' '}
        <input value={releasability} onChange={(e) => setReleasability(e.target.value)} />
      </label>
      {outcome?.needsReason || reason ? (
        <label>
          {t('iati.reason')}{' '}
          <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} required />
        </label>
      ) : null}
      {confirming && file ? (
        <p className="notice" role="status">
          {t('iati.confirm', {
            file: file.name,
            size: formatCount(Math.ceil(file.size / 1024)),
            source: name,
            releasability,
          })}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !file}>
        {busy ? t('iati.importing') : confirming ? t('iati.confirmImport') : t('iati.import')}
      </button>
      {confirming ? (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('iati.cancel')}
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
