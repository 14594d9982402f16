import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built by `npm run build` (`vite build display`) into display/dist, which the edge
 * serves at `/`. `npm run build -- --mode dev` is not needed: the dev server proxies
 * the API and MQTT-over-WebSocket to an edge on GALLEY_EDGE (default localhost:8080).
 */
const edge = process.env.GALLEY_EDGE ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': edge,
      '/healthz': edge,
      '/mqtt': { target: edge.replace(/^http/, 'ws'), ws: true },
    },
  },
});
