import { CAPABILITIES, LINES_OF_EFFORT, REGIONS } from '@guarantor/core/coalition';
import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { Illustrative } from '../coalition/NationsPage.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { capitalise, humanise } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { planningApi, type RequirementInput } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatNumber } from '../i18n/format.ts';

const PHASES = ['ceasefire_agreed', 'ceasefire_holding', 'force_deploying', 'sustainment'] as const;

const EMPTY = {
  region: 'UA-14',
  lineOfEffort: 'truce_monitoring',
  capability: 'monitoring_team',
  quantity: '1',
  priority: '3',
  phase: 'force_deploying',
  maxDaysToDeploy: '30',
  description: '',
};

/** The requirement list (CJSOR-like lines); cell staff add and remove lines. */
export function RequirementsPage() {
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(`requirements/${refresh}`, (signal) => planningApi.requirements(signal));
  const session = useLoad('session', () => api.session());
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading requirements…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const staff = session.state === 'ready' && session.data.user.roles.includes('cell_staff');
  const { requirements } = load.data;
  const units = requirements.reduce((s, r) => s + r.quantity, 0);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const body: RequirementInput = {
      ...form,
      quantity: Number(form.quantity),
      priority: Number(form.priority),
      maxDaysToDeploy: Number(form.maxDaysToDeploy),
    };
    try {
      await planningApi.createRequirement(body);
      setForm(EMPTY);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    }
  }

  async function remove(id: string, version: number) {
    if (!window.confirm(`Delete requirement ${id}? Plans already stored keep their copy.`)) return;
    try {
      await planningApi.deleteRequirement(id, version);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    }
  }

  const select = (name: keyof typeof EMPTY, options: readonly { value: string; label: string }[]) => (
    <select
      id={`requirement-${name}`}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );

  return (
    <main className="page">
      <div className="page-head">
        <h1>Requirements</h1>
        <p className="summary">
          {requirements.length} lines, {formatNumber(units)} units · priority 1 is the most urgent
        </p>
      </div>
      <Downloads list="/api/requirements" what="the requirements" />
      <table className="grid" data-testid="requirements-table">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Region</th>
            <th scope="col">Line of effort</th>
            <th scope="col">Capability</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Priority
            </th>
            <th scope="col">Phase</th>
            <th scope="col" className="num">
              Within
            </th>
            <th scope="col">Releasability</th>
            {staff && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {requirements.map((r) => (
            <tr key={r.id}>
              <td className="code nowrap">{r.id}</td>
              <td>
                {r.regionName} <span className="muted code nowrap">{r.region}</span>
              </td>
              <td>{capitalise(r.lineOfEffortName)}</td>
              <td>
                <div className="cell-title">
                  {capitalise(r.capabilityName)} <span className="muted small">as {r.role}</span>
                  {r.illustrative && <Illustrative />}
                </div>
                {r.description && <div className="muted small">{r.description}</div>}
              </td>
              <td className="num">{formatNumber(r.quantity)}</td>
              <td className="num">
                <span className={`priority priority-${r.priority}`}>P{r.priority}</span>
              </td>
              <td>{humanise(r.phase)}</td>
              <td className="num">{r.maxDaysToDeploy} d</td>
              <td>
                <Releasability label={r.releasability} />
              </td>
              {staff && (
                <td>
                  <button type="button" className="link-button" onClick={() => void remove(r.id, r.version)}>
                    Delete
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {staff && (
        <form className="editor-form requirement-form" onSubmit={add} noValidate>
          <h2>Add a requirement</h2>
          <div className="editor-row">
            <label htmlFor="requirement-region">
              Region{' '}
              {select(
                'region',
                REGIONS.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
              )}
            </label>
            <label htmlFor="requirement-lineOfEffort">
              Line of effort{' '}
              {select(
                'lineOfEffort',
                LINES_OF_EFFORT.map((l) => ({ value: l.id, label: capitalise(l.name) })),
              )}
            </label>
            <label htmlFor="requirement-capability">
              Capability{' '}
              {select(
                'capability',
                CAPABILITIES.map((c) => ({ value: c.id, label: capitalise(c.name) })),
              )}
            </label>
            <label htmlFor="requirement-phase">
              Phase{' '}
              {select(
                'phase',
                PHASES.map((p) => ({ value: p, label: humanise(p) })),
              )}
            </label>
          </div>
          <div className="editor-row">
            <label>
              Quantity
              <input
                type="number"
                value={form.quantity}
                onChange={(e) => setForm({ ...form, quantity: e.target.value })}
              />
            </label>
            <label htmlFor="requirement-priority">
              Priority{' '}
              {select(
                'priority',
                ['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: `P${p}` })),
              )}
            </label>
            <label>
              Max days to deploy
              <input
                type="number"
                value={form.maxDaysToDeploy}
                onChange={(e) => setForm({ ...form, maxDaysToDeploy: e.target.value })}
              />
            </label>
            <label>
              Description
              <input
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
              />
            </label>
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error.message}
              {error.field && <span className="code"> ({error.field})</span>}
            </p>
          )}
          <button className="primary" type="submit">
            Add requirement
          </button>
        </form>
      )}
    </main>
  );
}
