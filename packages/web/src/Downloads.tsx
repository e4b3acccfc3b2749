import { textsUnder } from './i18n/index.ts';

/**
 * Download links for a list (issue 20, ADR 0038): the list's own URL with the file's ending and
 * the screen's current filters, so the file holds what the screen shows, every row of it.
 */

/** The filters as the list route takes them; empty values are left out. */
export type DownloadQuery = Readonly<Record<string, string | number | boolean | null | undefined>>;

const FORMATS = [
  { ext: 'csv', name: 'CSV' },
  { ext: 'xlsx', name: 'Excel' },
  { ext: 'geojson', name: 'GeoJSON' },
  { ext: 'gpkg', name: 'GeoPackage' },
] as const;

const t = textsUnder('common:downloads.');

/** The list in the reader's words: `/api/incidents/:id/observations` → `incidents_observations`. */
function listKey(list: string): string {
  return list
    .replace(/^\/api\//, '')
    .replace(/\/[^/]*%[^/]*|\/inc-[^/]*/g, '')
    .replace(/[^a-z0-9]+/gi, '_');
}

/** The URL of a list's export in one format, with the filters. */
export function downloadUrl(list: string, ext: string, query: DownloadQuery | string = {}): string {
  const params = new URLSearchParams(typeof query === 'string' ? query : undefined);
  if (typeof query !== 'string')
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  // Paging is the screen's; the file holds every row.
  params.delete('limit');
  params.delete('cursor');
  const q = params.toString();
  return `${list}.${ext}${q ? `?${q}` : ''}`;
}

/**
 * "Download these offers: CSV · Excel" (and GeoJSON · GeoPackage for a list with places).
 * `list` is the list's API route, e.g. /api/offers.
 */
export function Downloads(props: {
  readonly list: string;
  readonly testId?: string;
  readonly what: string;
  /** The filters: an object, or a query string as the screen's own request has it. */
  readonly query?: DownloadQuery | string;
  readonly geo?: boolean;
}) {
  const formats = FORMATS.filter((f) => props.geo || (f.ext !== 'geojson' && f.ext !== 'gpkg'));
  return (
    <p className="small downloads" data-testid={props.testId ?? 'downloads'}>
      {t('label', {
        what: t(`what.${listKey(props.list)}`, {
          defaultValue: props.what,
        }),
      })}{' '}
      {formats.map((f, i) => (
        <span key={f.ext}>
          {i > 0 ? ' · ' : ''}
          <a href={downloadUrl(props.list, f.ext, props.query)} title={t(`title.${f.ext}`)} download>
            {f.name}
          </a>
        </span>
      ))}
    </p>
  );
}
