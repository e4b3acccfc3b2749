/**
 * The decision form's link picker (issue 21): choose a kind of record, search the records of
 * that kind the reader may read by name, id or date, and pick one; the chosen records show by
 * name. Keyboard: arrows move through the results, Enter picks, Escape closes the list; each
 * chosen record has its own Remove button. The server searches as the reader (row-level
 * security), so nothing hidden is ever offered.
 */
import type { LinkCandidate } from '@guarantor/core/api';
import { LINK_KINDS, type LinkKind } from '@guarantor/core/cellwork';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { Releasability } from '../Releasability.tsx';
import { cellApi } from './api.ts';

/** A kind in the reader's words. */
const kindName = (k: LinkKind) => i18n.t(`cellwork:linkKind.${k}` as 'cellwork:review', { defaultValue: k });

/** Kinds whose records are days: named by the kind and the day in the reader's conventions. */
const DAY_KINDS: ReadonlySet<LinkKind> = new Set(['daily_report', 'gate_evaluation']);

/** A candidate's name as the reader reads it (beside its kind): a day in the reader's conventions, else its title. */
export function candidateName(c: Pick<LinkCandidate, 'kind' | 'title' | 'day'>): string {
  return DAY_KINDS.has(c.kind) && c.day ? formatDay(c.day) : c.title;
}

/** The picker: `value` is the chosen records, in order; `onChange` gets the new list. */
export function LinkPicker({
  value,
  onChange,
}: {
  readonly value: readonly LinkCandidate[];
  readonly onChange: (next: LinkCandidate[]) => void;
}) {
  const { t } = useTranslation('cellwork');
  const ids = useId();
  const [kind, setKind] = useState<LinkKind>('plan');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<{
    state: 'idle' | 'loading' | 'ready' | 'error';
    list: LinkCandidate[];
  }>({ state: 'idle', list: [] });
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setFound((f) => ({ state: 'loading', list: f.list }));
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      cellApi.linkCandidates(kind, q, controller.signal).then(
        (r) => {
          setFound({ state: 'ready', list: r.candidates });
          setActive(r.candidates.length > 0 ? 0 : -1);
        },
        (error: unknown) => {
          if ((error as Error).name !== 'AbortError') setFound({ state: 'error', list: [] });
        },
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, q, open]);

  const chosen = (c: LinkCandidate) => value.some((v) => v.kind === c.kind && v.id === c.id);
  const pick = (c: LinkCandidate | undefined) => {
    if (!c) return;
    if (!chosen(c)) onChange([...value, c]);
    setOpen(false);
    setQ('');
  };
  const listId = `${ids}-results`;
  const optionId = (i: number) => `${ids}-option-${i}`;
  const list = found.list;

  return (
    <fieldset className="link-picker" data-testid="link-picker">
      <legend>{t('picker.legend')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('picker.noneChosen')}</p>
      ) : (
        <ul className="link-chosen" data-testid="link-chosen">
          {value.map((c, i) => (
            <li key={`${c.kind}:${c.id}`} className="link-chosen-item">
              <span className="muted">{kindName(c.kind)}:</span> {candidateName(c)}{' '}
              {c.releasability && <Releasability label={c.releasability} />}{' '}
              <button
                type="button"
                className="link-remove"
                aria-label={t('picker.remove', { name: `${kindName(c.kind)}: ${candidateName(c)}` })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                {t('picker.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-row">
        <label>
          {t('picker.kind')}
          <select
            name="linkKind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as LinkKind);
              setActive(-1);
            }}
          >
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('picker.search')}
          <input
            name="linkSearch"
            type="search"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && active >= 0 && list[active] ? optionId(active) : undefined}
            placeholder={t('picker.placeholder')}
            value={q}
            onFocus={() => setOpen(true)}
            onChange={(e) => {
              setQ(e.target.value);
              setOpen(true);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
                setActive((a) => Math.min(list.length - 1, a + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(0, a - 1));
              } else if (e.key === 'Enter') {
                // Enter picks; it never submits the decision form from here.
                e.preventDefault();
                if (open) pick(list[active]);
              } else if (e.key === 'Escape' && open) {
                e.preventDefault();
                setOpen(false);
              }
            }}
          />
        </label>
      </div>
      {open && (
        <div className="link-results">
          <p className="muted" aria-live="polite">
            {found.state === 'loading'
              ? t('picker.searching')
              : found.state === 'error'
                ? t('picker.failed')
                : found.state === 'ready'
                  ? list.length === 0
                    ? t('picker.noMatch', { kind: kindName(kind).toLowerCase() })
                    : t('picker.found', { count: list.length })
                  : ''}
          </p>
          <div
            id={listId}
            role="listbox"
            hidden={list.length === 0}
            aria-label={t('picker.results')}
            data-testid="link-results"
          >
            {list.map((c, i) => (
              <div
                key={`${c.kind}:${c.id}`}
                id={optionId(i)}
                role="option"
                // The search box keeps the focus (aria-activedescendant names the option), as the
                // WAI-ARIA combobox pattern has it; -1 keeps the option out of the Tab order.
                tabIndex={-1}
                aria-selected={i === active}
                aria-disabled={chosen(c)}
                className={i === active ? 'active' : undefined}
                // Mouse down, not click: the input keeps focus and the list stays until the pick.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                {candidateName(c)}
                {chosen(c) && <span className="muted"> — {t('picker.already')}</span>}
                {c.releasability && (
                  <span className="muted">
                    {' '}
                    · <Releasability label={c.releasability} />
                  </span>
                )}
              </div>
            ))}
          </div>
        </div>
      )}
    </fieldset>
  );
}
