import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The studio server listens on 5678 by default; `vite` (dev) forwards the API and the
// OAuth callback to it so cookies and the CSRF origin check see one origin.
const studioServer = 'http://127.0.0.1:5678';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': studioServer,
      '/oauth': studioServer,
    },
  },
});
