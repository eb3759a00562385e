import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Dev server only: drop the inline React Refresh preamble that plugin-react injects into
 * index.html, which the page's CSP (script-src 'self') would block; src/main.tsx imports the
 * same preamble as a module instead.
 */
function cspSafeRefreshPreamble(): Plugin {
  return {
    name: 'lsm-playground:csp-safe-refresh-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>/, ''),
    },
  };
}

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), cspSafeRefreshPreamble()],
  publicDir: '../public',
  worker: { format: 'es' },
  build: { target: 'es2022' },
  // Cross-origin isolation: the engine worker shares a SharedArrayBuffer with the page, where it
  // writes which LSM, hook and line is running, so the watchdog can name them after ending it.
  server: { port: 5173, headers: ISOLATION },
  preview: { port: 4173, strictPort: true, headers: ISOLATION },
});
