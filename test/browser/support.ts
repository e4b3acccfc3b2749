import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@guarantor/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { HANG_MS } from '../support/patience.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Debian's Chromium; Playwright's own browser download does not work here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go. */
export const RESULTS = resolve(import.meta.dirname, '../../test-results');

/** Headless Chromium with the flags this machine needs (no GPU, no background network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/**
 * For a browser test: the test server (serving packages/web/dist, which the run's global setup
 * built, with `env` added to its configuration) and Chromium, with test-results/ made. The server is closed again if Chromium fails.
 */
export async function startBrowserRun(
  env: Record<string, string> = {},
): Promise<{ server: TestServer; base: string; browser: Browser }> {
  mkdirSync(RESULTS, { recursive: true });
  const server = await startTestServer(env);
  try {
    return { server, base: new URL('/', server.url).toString(), browser: await launchChromium() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** A 1280×800 page whose actions wait up to the run's hang bound. */
export async function newTestPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Playwright's own 30 s per action is a speed target on a busy machine: the run's bound instead.
  page.setDefaultTimeout(HANG_MS);
  return page;
}

/**
 * For the hand-run screenshot scripts: builds the web app into a private folder and starts the
 * real server on a fresh embedded database with the demo; close() removes both.
 */
export async function startScreenshotServer(
  name: string,
  env: Record<string, string> = {},
): Promise<{ server: RunningServer; admin: { username: string; password: string }; close(): Promise<void> }> {
  const webDir = mkdtempSync(join(tmpdir(), `guarantor-${name}-web-`));
  const dataDir = mkdtempSync(join(tmpdir(), `guarantor-${name}-db-`));
  await build({
    root: resolve(import.meta.dirname, '../../packages/web'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
  });
  const server = await startServer(
    loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEB_DIR: webDir, ...env }),
  );
  return {
    server,
    admin: server.prepared.firstAdmin!,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
