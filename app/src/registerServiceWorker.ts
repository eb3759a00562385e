// Registers the service worker that lets the app start offline (production builds only; the dev
// server's modules change on every edit). Registering is best-effort: without it the app still runs.
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => undefined);
  };
  // After the page has loaded, so the first paint never waits for the precache downloads.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
