// Trunk's post-build hook: the Content-Security-Policy (csp.mjs), then the service worker
// (sw.mjs), in this order: the worker precaches the final index.html.
import { makePageStrict } from './csp.mjs';
import { writeServiceWorker } from './sw.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build.mjs: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
try {
  makePageStrict(dir);
  const { count, size } = await writeServiceWorker(dir);
  console.log(`post-build: strict policy added; sw.js precaches ${count} files (${size} bytes)`);
} catch (err) {
  console.error(err.message || err);
  process.exit(1);
}
