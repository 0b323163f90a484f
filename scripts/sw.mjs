// Trunk post-build hook, after csp.mjs (scripts/post-build.mjs runs both, in order): write the
// service worker that makes the app open and work offline after its first visit.
//
// Workbox's build step (workbox-build, from npm; it bundles its runtime from node_modules, so
// nothing is downloaded) lists every file of the build with a revision and writes `sw.js`,
// which precaches them on install and answers every request of the app from that cache.
// Trunk's file names carry a hash of their content, so Workbox need not version them; the
// others (index.html, the icon, the manifest, the registration script) get a content hash.
// A new deployment changes the list, hence sw.js: the browser installs the new worker beside
// the old one, and the page offers "新版本可用，刷新" (public/sw-register.js).
import { generateSW } from 'workbox-build';
import { join } from 'node:path';

export async function writeServiceWorker(dir) {
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ['**/*.{html,js,wasm,css,svg,webmanifest}'],
    globIgnores: ['sw.js', 'workbox-*.js'],
    swDest: join(dir, 'sw.js'),
    dontCacheBustURLsMatching: /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/,
    // The wasm is about 1 MB; Workbox leaves out files over 2 MB unless told.
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    // A navigation to any page of the app (a share link: ./?s=…) is answered with the app.
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // The new worker waits until the page asks it to take over (the user's click), so a
    // deployment never swaps the code under an edit.
    skipWaiting: false,
    clientsClaim: false,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
  });
  if (warnings.length) {
    throw new Error(`sw.mjs: ${warnings.join('; ')}`);
  }
  return { count, size };
}
