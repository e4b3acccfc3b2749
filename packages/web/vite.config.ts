import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The config is loaded from the repository root by tests and scripts, so paths are
// anchored on this file rather than on the working directory.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:8080';
const proxy = {
  '/api': api,
  '/openapi.json': api,
  '/docs': api,
  '/healthz': api,
};

/**
 * `virtual:ukrainian-names`: the Ukrainian names of Ukraine's 27 units (ISO 3166-2, by code) and
 * of the shipped places (by English name), read from the reference data at build time so nobody
 * transliterates by hand. Only the Ukrainian chunk imports it (src/i18n/locales/uk/index.ts).
 */
function ukrainianNames(): Plugin {
  const id = 'virtual:ukrainian-names';
  const data = fileURLToPath(new URL('../../data/', import.meta.url));
  type Features = { features: { properties: Record<string, unknown> }[] };
  const read = (file: string): Features => JSON.parse(readFileSync(data + file, 'utf8')) as Features;
  return {
    name: 'guarantor-ukrainian-names',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(loaded) {
      if (loaded !== `\0${id}`) return undefined;
      const regions: Record<string, string> = {};
      for (const { properties: p } of read('ukraine-adm1.geojson').features) {
        if (typeof p['code'] === 'string' && typeof p['nameUk'] === 'string')
          regions[p['code']] = p['nameUk'];
      }
      const places: Record<string, string> = {};
      for (const { properties: p } of read('places.geojson').features) {
        if (typeof p['name'] === 'string' && typeof p['nameUk'] === 'string') places[p['name']] = p['nameUk'];
      }
      return `export const regions = ${JSON.stringify(regions)};\nexport const places = ${JSON.stringify(places)};\n`;
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), ukrainianNames()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre (1.1 MB minified) and milsymbol (0.85 MB, every standard's icons) each get a
    // chunk of their own: both load only with the map, and an app change leaves them cached.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'milsymbol', test: /node_modules[\\/]milsymbol[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
