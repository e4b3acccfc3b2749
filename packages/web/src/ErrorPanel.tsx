import type { ApiError } from './api.ts';

/** A failed request, in the server's words, with the request id for the log. */
export function ErrorPanel({ error }: { readonly error: ApiError }) {
  return (
    <main className="page">
      <div className="error-panel" role="alert">
        <h1>{error.status === 404 ? 'Not found' : 'Could not load this page'}</h1>
        <p>{error.message}</p>
        <p className="muted">
          <span className="code">{error.code}</span>
          {error.requestId && (
            <>
              {' '}
              · request <span className="code">{error.requestId}</span>
            </>
          )}
        </p>
      </div>
    </main>
  );
}
