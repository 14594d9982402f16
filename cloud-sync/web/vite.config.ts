import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built by `npm run build` (`vite build cloud-sync/web`) into cloud-sync/web/dist, which
 * the central service serves at `/`. The dev server proxies the API to a central service
 * on GALLEY_CENTRAL (default 127.0.0.1:8090).
 */
const central = process.env.GALLEY_CENTRAL ?? 'http://127.0.0.1:8090';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': central } },
});
