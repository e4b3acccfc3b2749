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
    // MapLibre alone is about 1 MB minified; one warning per build says nothing new.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy },
  preview: { proxy },
});
