import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyServedTemplate } from '../../../../test/support/templates.ts';
import { startServer } from '../boot.ts';
import { loadConfig } from '../config.ts';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const close = (server: Server) => new Promise((resolve) => server.close(resolve));
const portOf = (server: Server) => (server.address() as { port: number }).port;

describe('startServer when a CoT port is taken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-boot-'));
  // A folder a first start prepared (the run's served template): what is tested is the start.
  beforeAll(() => copyServedTemplate(dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the HTTP server and the database, and names the port', async () => {
    const taken = await listenOn(0);
    const free = await listenOn(0);
    const httpPort = portOf(free);
    await close(free);
    const env = {
      LOG_LEVEL: 'silent',
      WEB_DIR: '/nonexistent',
      DATA_DIR: dir,
      HOST: '127.0.0.1',
      PORT: String(httpPort),
      COT_PORT: String(portOf(taken)),
    };
    await expect(startServer(loadConfig(env))).rejects.toThrow(
      `CoT intake (COT_PORT): cannot listen on 127.0.0.1:${portOf(taken)}: the port is in use`,
    );
    // The HTTP port is free again: nothing was left listening.
    await close(await listenOn(httpPort));
    await close(taken);
    // And the database was closed: a second start opens it (PGlite holds one opener).
    const again = await startServer(loadConfig({ ...env, COT_PORT: '0', PORT: '0' }));
    await again.close();
  });
});
