import type { User, ViolationRule } from '@guarantor/core/api';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { AREA_ZONE_KINDS, violationRuleProblems } from '@guarantor/core/zones';
import { type FormEvent, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { type FieldProblem, Recorded, ReviewThenSend, useLoadKeeping } from '../forms.tsx';
import { formatDay } from '../i18n/format.ts';
import { capitalise, plural } from '../labels.ts';
import { TableHead } from '../TableHead.tsx';
import { categoryName, zoneKindName } from '../words.ts';
import { zonesApi } from './api.ts';
import { mayEditZones } from './ZonesPage.tsx';

/** A rule's definition as the API gives it (core's ViolationRule, as JSON). */
interface Definition {
  readonly id: string;
  readonly name: string;
  readonly categories: readonly string[];
  readonly zoneKind?: string;
  readonly anywhere?: boolean;
  readonly weaponClassMatch?: boolean;
  readonly unknownWeaponClassMatches?: boolean;
}

const definitionOf = (rule: ViolationRule) => rule.definition as unknown as Definition;

/** "inside a buffer zone", "anywhere", "inside the weapons-withdrawal zone of its weapon class". */
function whereWords(d: Definition): string {
  if (d.anywhere) return 'anywhere';
  if (d.weaponClassMatch)
    return `inside the ${zoneKindName(d.zoneKind ?? '')} of its weapon class${
      d.unknownWeaponClassMatches === false ? '' : ' (a sighting of unknown class counts in any)'
    }`;
  return `inside a ${zoneKindName(d.zoneKind ?? '')}`;
}

const day = formatDay;

/**
 * The violation rules the daily counts and the ceasefire gate read: what each counts and where,
 * each version kept. Analysts and cell staff add a version (or a new rule) through a form that
 * lists every problem at once and says in words what the rule will count before it is saved.
 */
export function ViolationRulesPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Definition | 'new' | null>(null);
  const load = useLoadKeeping(`violation-rules/${version}`, (signal) => zonesApi.violationRules(signal));
  if (load.state === 'loading') return <p className="page-status">Loading violation rules…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const rules = load.data.rules;
  const mayEdit = mayEditZones(user);
  return (
    <main className="page">
      <div className="page-head">
        <h1>Violation rules</h1>
        <p className="summary">
          {plural(rules.filter((r) => r.active).length, 'active rule')}: the daily counts and the ceasefire
          gate read these
        </p>
      </div>
      {rules.length === 0 ? (
        <p className="banner">
          No rule stored yet: the shipped defaults apply (fire or civilian harm in the buffer zone, heavy
          weapons in their withdrawal zone, restrictions of movement anywhere).
          {mayEdit && ' Add a rule to replace them.'}
        </p>
      ) : (
        <table className="grid" data-testid="violation-rules">
          <TableHead columns={['Rule', 'Counts', 'Where', 'Version', '']} />
          <tbody>
            {rules.map((rule) => {
              const d = definitionOf(rule);
              return (
                <tr key={rule.id} className={rule.active ? '' : 'muted'}>
                  <td>
                    <strong>{d.name}</strong>
                    <div className="muted small code" title="rule id">
                      {rule.id}
                    </div>
                  </td>
                  <td>{d.categories.map(categoryName).join(', ')}</td>
                  <td>{whereWords(d)}</td>
                  <td>
                    {rule.active ? 'active' : 'inactive'}, version {rule.version}
                    <div className="muted small">
                      by {rule.createdBy} on {day(rule.createdAt)}
                    </div>
                  </td>
                  <td>
                    {mayEdit && (
                      <button type="button" onClick={() => setEditing({ ...d })}>
                        Change…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {mayEdit ? (
        editing ? (
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            start={editing === 'new' ? null : editing}
            active={editing === 'new' ? true : (rules.find((r) => r.id === editing.id)?.active ?? true)}
            onDone={() => setVersion((v) => v + 1)}
            onClose={() => setEditing(null)}
          />
        ) : (
          <p>
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add a rule…
            </button>
          </p>
        )
      ) : (
        <p className="muted">Analysts and cell staff change the violation rules.</p>
      )}
      <AuditTrail
        entity="violation_rule"
        title="Changes to the violation rules"
        empty="No rule has been changed yet: the shipped defaults apply."
        refresh={String(version)}
      />
    </main>
  );
}

const FIELDS: Readonly<Record<string, string>> = {
  'body.definition.id': 'Rule id',
  'body.definition.name': 'Name',
  'body.definition.categories': 'What it counts',
  'body.definition.zoneKind': 'Where',
  'body.definition.anywhere': 'Where',
  'body.definition.weaponClassMatch': 'Weapon class',
  'body.definition': 'Rule',
  body: 'Rule',
};
const fieldLabel = (field: string) =>
  FIELDS[`body.definition.${field.replace(/\[\d+\]$/, '')}`] ?? capitalise(field);

function RuleForm({
  start,
  active: startActive,
  onDone,
  onClose,
}: {
  readonly start: Definition | null;
  readonly active: boolean;
  readonly onDone: () => void;
  readonly onClose: () => void;
}) {
  const [id, setId] = useState(start?.id ?? '');
  const [name, setName] = useState(start?.name ?? '');
  const [categories, setCategories] = useState<readonly string[]>(start?.categories ?? []);
  const [anywhere, setAnywhere] = useState(start?.anywhere ?? false);
  const [zoneKind, setZoneKind] = useState(start?.zoneKind ?? 'buffer_zone');
  const [byClass, setByClass] = useState(start?.weaponClassMatch ?? false);
  const [unknownCounts, setUnknownCounts] = useState(start?.unknownWeaponClassMatches ?? true);
  const [active, setActive] = useState(startActive);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<{ id: string; version: number } | null>(null);
  const editable = step === 'edit';

  const definition = (): Definition => ({
    id: id.trim(),
    name: name.trim(),
    categories,
    ...(anywhere ? { anywhere: true } : { zoneKind }),
    ...(!anywhere && zoneKind === 'weapons_withdrawal' && byClass
      ? { weaponClassMatch: true, unknownWeaponClassMatches: unknownCounts }
      : {}),
  });

  function review(event: FormEvent) {
    event.preventDefault();
    setRefused(null);
    // The server's own check, run here first so every problem shows at once.
    const found = violationRuleProblems(definition()).map((p) => ({
      field: fieldLabel(p.field),
      message:
        p.field === 'id'
          ? 'use 2 to 64 lower-case letters, digits, - or _ (e.g. "fire-in-buffer")'
          : p.message,
    }));
    setProblems(found);
    if (found.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    try {
      const saved = await zonesApi.addRuleVersion({ ...definition() }, active);
      setRecorded(saved);
      setStep('edit');
      onDone();
    } catch (error) {
      setRefused(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  const toggle = (category: string) =>
    setCategories((now) => (now.includes(category) ? now.filter((c) => c !== category) : [...now, category]));
  const d = definition();

  if (recorded)
    return (
      <Recorded title={`Version ${recorded.version} of rule ${recorded.id} recorded`}>
        <p>
          From now on it counts {d.categories.map(categoryName).join(', ')} {whereWords(d)}
          {active ? '' : ' (inactive: the counts ignore it)'}. Earlier versions are kept.
        </p>
        <AuditTrail entity="violation_rule" entityId={recorded.id} />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </Recorded>
    );

  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="rule-form">
      <h2>{start ? `Change the rule "${start.name}"` : 'Add a violation rule'}</h2>
      <div className="form-row">
        <label>
          {FIELDS['body.definition.id']}
          <input
            name="id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            readOnly={start !== null}
            disabled={!editable}
            placeholder="e.g. fire-in-buffer"
          />
        </label>
        <label className="wide">
          {FIELDS['body.definition.name']}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} disabled={!editable} />
        </label>
      </div>
      <fieldset disabled={!editable}>
        <legend>{FIELDS['body.definition.categories']}</legend>
        <div className="checkbox-grid">
          {CATEGORIES.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" checked={categories.includes(c)} onChange={() => toggle(c)} />{' '}
              {categoryName(c)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={!editable}>
        <legend>{FIELDS['body.definition.zoneKind']}</legend>
        <label className="checkbox">
          <input type="radio" name="where" checked={anywhere} onChange={() => setAnywhere(true)} /> Anywhere
        </label>
        <label className="checkbox">
          <input type="radio" name="where" checked={!anywhere} onChange={() => setAnywhere(false)} /> Inside a
          zone of kind{' '}
          <select
            value={zoneKind}
            onChange={(e) => setZoneKind(e.target.value)}
            disabled={anywhere}
            aria-label="Zone kind"
          >
            {AREA_ZONE_KINDS.map((k) => (
              <option key={k} value={k}>
                {zoneKindName(k)}
              </option>
            ))}
          </select>
        </label>
        {!anywhere && zoneKind === 'weapons_withdrawal' && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={byClass} onChange={(e) => setByClass(e.target.checked)} /> Only
              the zone that forbids the sighting's weapon class
            </label>
            {byClass && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={unknownCounts}
                  onChange={(e) => setUnknownCounts(e.target.checked)}
                />{' '}
                A sighting whose weapon class nobody recorded counts in any withdrawal zone
              </label>
            )}
          </>
        )}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
          disabled={!editable}
        />{' '}
        Active (the counts and the gate read it)
      </label>
      <ReviewThenSend
        problems={problems}
        refusal={refused}
        fields={FIELDS}
        step={step}
        reviewLabel="Review the rule…"
        title={start ? 'Record a new version of this rule?' : 'Add this rule?'}
        confirmLabel={start ? 'Record the new version' : 'Add the rule'}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p data-testid="rule-preview">
          “{d.name}” will count {d.categories.map(categoryName).join(', ')} {whereWords(d)}
          {active ? '' : ', but stay inactive'}. The daily counts and the ceasefire gate read it from the next
          count; {start ? 'the earlier version is kept' : 'nothing else changes'}.
        </p>
      </ReviewThenSend>
      {editable && (
        <p>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </p>
      )}
    </form>
  );
}
