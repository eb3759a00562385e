// Build only: lists every file of the build for the service worker to precache
// (`precache-manifest.json`: the hashed assets, the workers, the public files) and emits the worker
// itself (`sw.js`, from app/sw/serviceWorker.js) stamped with a hash of that list, so each build
// that changes a file is a new worker with its own cache.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const SW_SOURCE = new URL('../sw/serviceWorker.js', import.meta.url);

/** Files under `dir`, as paths relative to it with forward slashes. */
function walk(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

export function precache(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'lsm-playground:precache',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    generateBundle(_options, bundle) {
      const pub = config.publicDir ? walk(config.publicDir) : [];
      const files = [...new Set([...Object.keys(bundle), ...pub])]
        // The source maps are for a debugger online; the worker and its list are fetched fresh.
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && f !== 'precache-manifest.json')
        .sort();
      const hash = createHash('sha256');
      for (const f of files) {
        hash.update(f);
        const out = bundle[f];
        if (out) hash.update(out.type === 'chunk' ? out.code : out.source);
      }
      const build = hash.digest('hex').slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'precache-manifest.json',
        source: `${JSON.stringify({ build, files }, null, 1)}\n`,
      });
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: readFileSync(SW_SOURCE, 'utf8').replace(/__BUILD__/g, build),
      });
    },
  };
}
