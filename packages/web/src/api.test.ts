import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from './api.ts';
import { i18n } from './i18n/index.ts';

describe('the API client', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('asks for the chosen language on every request, and shows the refusal the server worded', async () => {
    const sent: Record<string, string>[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      sent.push(init.headers as Record<string, string>);
      return new Response(
        JSON.stringify({ error: { code: 'auth.required', message: 'спершу увійдіть', requestId: 'r-1' } }),
        { status: 401, headers: { 'content-type': 'application/json' } },
      );
    });
    // The language's words are not loaded here (Vite builds them); the choice is what is sent.
    await i18n.changeLanguage('uk');
    const refused = await request('GET', '/api/nations').catch((e: unknown) => e);
    await i18n.changeLanguage('fr');
    await request('POST', '/api/offers', {}).catch(() => undefined);
    expect(sent.map((h) => h['accept-language'])).toEqual(['uk', 'fr']);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe('спершу увійдіть');
  });
});
