// `npm start` runs this first: builds the web app with Vite when packages/web/dist is missing
// or older than its sources, so a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'packages/web');
const built = join(web, 'dist/index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(root, 'packages/core/src'),
];
const stale =
  !existsSync(built) || sources.filter(existsSync).some((p) => newest(p) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the web app (Vite) …');
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'error' });
}
