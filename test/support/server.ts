import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@guarantor/server';
import { copyServedTemplate } from './templates.ts';

/** A server on a free port over an embedded database with the demo scenario. */
export interface TestServer {
  readonly url: string;
  readonly admin: { readonly username: string; readonly password: string };
  close(): Promise<void>;
}

/**
 * Starts the real server as `npm start` would, on a temporary data folder that a first start
 * prepared (a copy of the run's served template: migrations, demo scenario and its monitoring
 * history, the first admin); close() removes it.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guarantor-srv-'));
  const first = await copyServedTemplate(dataDir);
  const admin = first.admin;
  if (!admin) throw new Error(`the first start should have made an admin:\n${first.output}`);
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
  const server = await startServer(config);
  return {
    url: server.url,
    admin,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
