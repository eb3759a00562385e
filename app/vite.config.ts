import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precache } from './vite/precache';

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

/**
 * monaco-vim 0.4 for Monaco 0.57: its `browser` export is a UMD build with its own copy of old
 * Monaco internals, so take its ES module build instead; and that build imports
 * `monaco-editor/esm/vs/...`, which Monaco's exports map (since 0.56) spells `monaco-editor/...`.
 */
function monacoVimEsm(): Plugin {
  return {
    name: 'lsm-playground:monaco-vim-esm',
    enforce: 'pre',
    resolveId: {
      filter: { id: /^monaco-(vim$|editor\/esm\/vs\/)/ },
      async handler(source, importer, options) {
        if (source.startsWith('monaco-editor/esm/vs/')) {
          return this.resolve(source.replace('monaco-editor/esm/vs/', 'monaco-editor/'), importer, options);
        }
        const resolved = await this.resolve(source, importer, options);
        return resolved && { ...resolved, id: resolved.id.replace(/monaco-vim\.umd\.js$/, 'index.mjs') };
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), cspSafeRefreshPreamble(), monacoVimEsm(), precache()],
  publicDir: '../public',
  worker: { format: 'es' },
  // The dev server pre-bundles monaco-vim with Monaco, so the dependency optimizer needs the same rewrite.
  optimizeDeps: { rolldownOptions: { plugins: [monacoVimEsm()] } },
  build: {
    target: 'es2022',
    // Monaco's lazy chunks (the editor, the TypeScript worker at about 10 MB) are never on the first paint.
    chunkSizeWarningLimit: 12_000,
  },
  // Cross-origin isolation: the engine worker shares a SharedArrayBuffer with the page, where it
  // writes which LSM, hook and line is running, so the watchdog can name them after ending it.
  server: { port: 5173, headers: ISOLATION },
  preview: { port: 4173, strictPort: true, headers: ISOLATION },
});
