// Registers the service worker (sw.js, written at build time by Workbox: scripts/sw.mjs) so
// that the app opens and works offline after its first visit, and tells the app when a new
// deployment has been installed and waits (src/ui/update.rs shows "新版本可用，刷新").
// A plain script of its own: the page's policy allows no inline script.
(() => {
  // Service workers need http(s); the single-file build opened from file:// has none.
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const sw = navigator.serviceWorker;
  let waiting = null;
  // Set only by this tab's own click: another tab's update never reloads this one.
  let requested = false;
  const offer = (worker) => {
    waiting = worker;
    // The app may not have started yet: it reads the attribute when it does.
    document.documentElement.setAttribute('data-qp-update', 'waiting');
    window.dispatchEvent(new Event('qp-update-available'));
  };
  // The user asked for the new version (the app saved first): let it take over; the page
  // reloads when it has. If another tab already switched, the new version is in control and
  // a reload is all that is left.
  window.addEventListener('qp-update-apply', () => {
    requested = true;
    if (waiting && waiting.state === 'installed') waiting.postMessage({ type: 'SKIP_WAITING' });
    else location.reload();
  });
  const controlled = !!sw.controller;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    // The first install takes no page over (clientsClaim is off), so this is an update.
    if (!controlled) return;
    if (requested && !reloading) {
      reloading = true;
      location.reload();
    } else if (!requested) {
      // Switched from another tab: this page keeps running its code (all of it is loaded)
      // and keeps offering the reload, at the user's moment.
      waiting = null;
      offer(null);
    }
  });
  // A worker that reaches "installed" while a page is controlled is a new deployment.
  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === 'installed' && sw.controller) offer(worker);
    };
    worker.addEventListener('statechange', check);
    check();
  };
  window.addEventListener('load', () => {
    sw.register('./sw.js').then((registration) => {
      if (registration.waiting && sw.controller) offer(registration.waiting);
      // An update the browser began before this listener existed is caught here.
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      // A new deployment is looked for whenever the page comes back into view.
      document.addEventListener('visibilitychange', () => {
        if (!document.hidden) registration.update().catch(() => {});
      });
    }).catch((err) => console.warn('quota-planner: offline use unavailable:', err && err.message));
  });
})();
