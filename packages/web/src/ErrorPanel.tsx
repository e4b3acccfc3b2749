import { useTranslation } from 'react-i18next';
import type { ApiError } from './api.ts';

/** A failed request, in the server's words, with the request id for the log. */
export function ErrorPanel({ error }: { readonly error: ApiError }) {
  const { t } = useTranslation('common');
  return (
    <main className="page">
      <div className="error-panel" role="alert">
        <h1>{error.status === 404 ? t('error.notFound') : t('error.couldNotLoad')}</h1>
        <p>{error.message}</p>
        <p className="muted">
          <span className="code">{error.code}</span>
          {error.requestId && (
            <>
              {' '}
              · {t('error.request')} <span className="code">{error.requestId}</span>
            </>
          )}
        </p>
      </div>
    </main>
  );
}
