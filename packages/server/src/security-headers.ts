import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy for the web app and the API. Everything is same-origin: the
 * app needs no CDN, its map style has no remote tiles, glyphs or sprites. MapLibre runs its
 * worker from a same-origin script URL (setWorkerUrl) and may fall back to a blob: worker;
 * it draws images from blob: and data: URLs. Inline styles are element.style writes
 * (MapLibre, React), which CSP does not govern; 'unsafe-inline' for styles covers Swagger
 * UI's page at /docs. No page may frame ours (clickjacking), except that the app frames its own
 * reports (the daily report page shows the HTML report in a frame): those may be framed by
 * the same origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The same policy for the reports the app frames: framed by its own origin, no other. */
export const REPORT_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "frame-ancestors 'none'",
  "frame-ancestors 'self'",
);

/**
 * Security headers on every response, and `Cache-Control: no-store` on every API response
 * that does not state its own caching (a session, its CSRF token and labelled records must
 * not be kept by a browser or a proxy after sign-out). Routes that set a policy of their own
 * (map tiles: `private, max-age=5`) keep it.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const framedReport = path.startsWith('/api/reports/');
    reply.header(
      'content-security-policy',
      framedReport ? REPORT_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', framedReport ? 'SAMEORIGIN' : 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if ((path.startsWith('/api/') || path === '/openapi.json') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

/** True for the exact loopback host names, where a browser talks plain HTTP to its own machine. */
export function isLoopbackHost(hostname: string): boolean {
  const lower = hostname.toLowerCase();
  // Host names may carry a port: `[::1]:8080`, `localhost:8080`; a bare `::1` has none.
  const host = lower.startsWith('[')
    ? lower.slice(0, lower.indexOf(']') + 1)
    : lower.split(':').length === 2
      ? (lower.split(':')[0] ?? '')
      : lower;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}
