// Registers the service worker (sw.js, written at build time by Workbox: scripts/sw.mjs) so
// that the app opens and works offline after its first visit, and tells the app when a new
// deployment has been installed and waits (src/ui/update.rs shows "新版本可用，刷新").
// A plain script of its own: the page's policy allows no inline script.
(() => {
  // Service workers need http(s); the single-file build opened from file:// has none.
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const sw = navigator.serviceWorker;
  let waiting = null;
  const offer = (worker) => {
    waiting = worker;
    // The app may not have started yet: it reads the attribute when it does.
    document.documentElement.setAttribute('data-qp-update', 'waiting');
    window.dispatchEvent(new Event('qp-update-available'));
  };
  // The user asked for the new version: let it take over; the page reloads when it has.
  window.addEventListener('qp-update-apply', () => {
    if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
  });
  const controlled = !!sw.controller;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    // The first install takes no page over (clientsClaim is off): only an update reloads.
    if (controlled && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  window.addEventListener('load', () => {
    sw.register('./sw.js').then((registration) => {
      if (registration.waiting && sw.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && sw.controller) offer(worker);
        });
      });
      // A new deployment is looked for whenever the page comes back into view.
      document.addEventListener('visibilitychange', () => {
        if (!document.hidden) registration.update().catch(() => {});
      });
    }).catch((err) => console.warn('quota-planner: offline use unavailable:', err && err.message));
  });
})();
