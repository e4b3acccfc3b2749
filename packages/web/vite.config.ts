import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
