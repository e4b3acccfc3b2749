import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@guarantor/server';

/** A server on a free port over a fresh embedded database with the demo scenario. */
export interface TestServer {
  readonly url: string;
  readonly admin: { readonly username: string; readonly password: string };
  close(): Promise<void>;
}

/** Starts the real server as `npm start` would, on a temporary data folder; close() removes it. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guarantor-srv-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
  const server = await startServer(config);
  const admin = server.prepared.firstAdmin;
  if (!admin) throw new Error('a fresh data folder should have produced a first admin');
  return {
    url: server.url,
    admin,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
