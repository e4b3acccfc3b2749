/** Trigger rules and incidents as a reader meets them on the ceasefire pages: titles and links, ids in tooltips. */
import { useLoad } from '../load.ts';
import { href } from '../router.ts';
import { phasesApi } from './api.ts';

/** Trigger rules by title ("Quiet for 14 days"); an unknown id is shown as it is. */
export function useRuleTitles(): (id: string) => string {
  const rules = useLoad('phases/rules', (signal) => phasesApi.rules(signal));
  const titles = new Map(
    rules.state === 'ready' ? rules.data.rules.map((r) => [r.id, r.title] as const) : [],
  );
  return (id) => titles.get(id) ?? id;
}

/** Incidents as numbered links ("1, 2"), each with its id as a tooltip. */
export function IncidentLinks({ ids }: { readonly ids: readonly string[] }) {
  return (
    <>
      {ids.map((id, n) => (
        <span key={id}>
          {n > 0 && ', '}
          <a href={href({ page: 'incident', id })} title={id}>
            {n + 1}
          </a>
        </span>
      ))}
    </>
  );
}
