// The playground's service worker: the app works offline once it has loaded. On install it caches
// the app shell and every file of the build (the list the build wrote to precache-manifest.json);
// on fetch it answers same-origin GETs from that cache first, and from the network otherwise.
// The page is cross-origin isolated (COOP same-origin, COEP require-corp: the engine worker shares a
// SharedArrayBuffer with it), so every response it serves carries those headers, cached or not.
// The build (app/vite/precache.ts) replaces __BUILD__ with a hash of the file list: a new build is a
// new worker with a new cache. When it activates it keeps the cache of the build before it and
// deletes older ones: a tab opened before the update still asks for that build's files (the chunks
// it loads later, such as the lessons or the Export menu), and finds them there.
/// <reference lib="webworker" />
// @ts-check

const BUILD = '__BUILD__';
const CACHE = `lsm-playground-${BUILD}`;
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** @type {ServiceWorkerGlobalScope} */
const sw = /** @type {any} */ (self);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('precache-manifest.json', { cache: 'no-store' });
      /** @type {{ build: string, files: string[] }} */
      const manifest = await res.json();
      const cache = await caches.open(CACHE);
      // `./` is the app shell: index.html as the server sends it for `/` (with its headers).
      await cache.addAll(['./', ...manifest.files].map((f) => new Request(f, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

/** This origin's build caches other than this build's, oldest first (caches.keys() is in creation order). */
async function olderCaches() {
  return (await caches.keys()).filter((key) => key.startsWith('lsm-playground-') && key !== CACHE);
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const older = await olderCaches();
      // The newest of them is the build this one replaces: kept for the tabs still running it.
      for (const key of older.slice(0, -1)) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

/**
 * The response with the isolation headers (a cached response keeps the ones the server sent; this
 * adds them where a server or an old cache entry did not).
 * @param {Response} res
 */
function isolated(res) {
  if (res.type === 'opaque' || res.type === 'opaqueredirect' || res.status === 0) return res;
  if (Object.entries(ISOLATION).every(([k, v]) => res.headers.get(k) === v)) return res;
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A page address (any query: `/?embed=1`) is the app shell; the state is in the fragment.
      const key = req.mode === 'navigate' ? new URL('./', sw.registration.scope).href : req;
      // The preview server answers `Vary: Origin`; the files are the same whoever asks.
      const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate', ignoreVary: true });
      if (hit) return isolated(hit);
      // A file of the previous build (file names carry a hash of their content), asked for by a tab
      // opened before the update; a page address always gets this build's shell.
      if (req.mode !== 'navigate') {
        for (const older of (await olderCaches()).reverse()) {
          const old = await (await caches.open(older)).match(req, { ignoreVary: true });
          if (old) return isolated(old);
        }
      }
      return isolated(await fetch(req));
    })(),
  );
});
