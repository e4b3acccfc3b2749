import { CAPABILITIES, LINES_OF_EFFORT, REGIONS } from '@guarantor/core/coalition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { Illustrative } from '../coalition/NationsPage.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { capabilityName, capabilityRoleName, capitalise, lineOfEffortName, regionName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { planningApi, type RequirementInput } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatNumber } from '../i18n/format.ts';
import { phaseName } from '../words.ts';

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
  const { t } = useTranslation(['planning', 'common']);
  if (load.state === 'loading') return <p className="page-status">{t('req.loading')}</p>;
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
    if (!window.confirm(t('req.deleteConfirm', { id }))) return;
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
        <h1>{t('req.title')}</h1>
        <p className="summary">
          {t('req.summary', { count: units, n: formatNumber(units), lines: requirements.length })}
        </p>
      </div>
      <Downloads list="/api/requirements" what="the requirements" />
      <table className="grid" data-testid="requirements-table">
        <thead>
          <tr>
            <th scope="col">{t('col.id')}</th>
            <th scope="col">{t('col.region')}</th>
            <th scope="col">{t('col.lineOfEffort')}</th>
            <th scope="col">{t('col.capability')}</th>
            <th scope="col" className="num">
              {t('col.quantity')}
            </th>
            <th scope="col" className="num">
              {t('col.priority')}
            </th>
            <th scope="col">{t('col.phase')}</th>
            <th scope="col" className="num">
              {t('col.within')}
            </th>
            <th scope="col">{t('col.releasability')}</th>
            {staff && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {requirements.map((r) => (
            <tr key={r.id}>
              <td className="code nowrap">{r.id}</td>
              <td>
                {regionName(r.region)} <span className="muted code nowrap">{r.region}</span>
              </td>
              <td>{capitalise(lineOfEffortName(r.lineOfEffort))}</td>
              <td>
                <div className="cell-title">
                  {capitalise(capabilityName(r.capability))}{' '}
                  <span className="muted small">{t('req.asRole', { role: capabilityRoleName(r.role) })}</span>
                  {r.illustrative && <Illustrative />}
                </div>
                {r.description && <div className="muted small">{r.description}</div>}
              </td>
              <td className="num">{formatNumber(r.quantity)}</td>
              <td className="num">
                <span className={`priority priority-${r.priority}`}>
                  {t('req.priority', { n: r.priority })}
                </span>
              </td>
              <td>{phaseName(r.phase)}</td>
              <td className="num">{t('req.days', { n: r.maxDaysToDeploy })}</td>
              <td>
                <Releasability label={r.releasability} />
              </td>
              {staff && (
                <td>
                  <button type="button" className="link-button" onClick={() => void remove(r.id, r.version)}>
                    {t('common:delete')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {staff && (
        <form className="editor-form requirement-form" onSubmit={add} noValidate>
          <h2>{t('req.add')}</h2>
          <div className="editor-row">
            <label htmlFor="requirement-region">
              {t('col.region')}{' '}
              {select(
                'region',
                REGIONS.map((r) => ({ value: r.code, label: `${regionName(r.code)} (${r.code})` })),
              )}
            </label>
            <label htmlFor="requirement-lineOfEffort">
              {t('col.lineOfEffort')}{' '}
              {select(
                'lineOfEffort',
                LINES_OF_EFFORT.map((l) => ({ value: l.id, label: capitalise(lineOfEffortName(l.id)) })),
              )}
            </label>
            <label htmlFor="requirement-capability">
              {t('col.capability')}{' '}
              {select(
                'capability',
                CAPABILITIES.map((c) => ({ value: c.id, label: capitalise(capabilityName(c.id)) })),
              )}
            </label>
            <label htmlFor="requirement-phase">
              {t('col.phase')}{' '}
              {select(
                'phase',
                PHASES.map((p) => ({ value: p, label: phaseName(p) })),
              )}
            </label>
          </div>
          <div className="editor-row">
            <label>
              {t('col.quantity')}
              <input
                type="number"
                value={form.quantity}
                onChange={(e) => setForm({ ...form, quantity: e.target.value })}
              />
            </label>
            <label htmlFor="requirement-priority">
              {t('col.priority')}{' '}
              {select(
                'priority',
                ['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: t('req.priority', { n: p }) })),
              )}
            </label>
            <label>
              {t('req.maxDays')}
              <input
                type="number"
                value={form.maxDaysToDeploy}
                onChange={(e) => setForm({ ...form, maxDaysToDeploy: e.target.value })}
              />
            </label>
            <label>
              {t('req.description')}
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
            {t('req.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
