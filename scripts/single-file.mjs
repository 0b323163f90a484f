// `make dist-single`: the release build in dist/ as one self-contained HTML file, for a USB
// stick or an e-mail. Opened from file:// it needs no server: the WebAssembly is inside as
// base64 (a data block the browser never runs), the JavaScript glue and the start-up code are
// one inline module (an external module or a fetch of the .wasm is refused from file://), the
// stylesheet an inline <style>, the icon a data: URL. Its Content-Security-Policy allows
// exactly that inline script and that style, by hash, and nothing from anywhere else.
// No service worker (none runs from file://) and no manifest.
//
//   node scripts/single-file.mjs DIST OUT.html
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node scripts/single-file.mjs DIST OUT.html');
  process.exit(2);
}
const files = readdirSync(dir);
const one = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`single-file: expected one ${what} in ${dir}, found ${found.length}`);
  return join(dir, found[0]);
};
const glue = readFileSync(one(/^quota-planner-[0-9a-f]+\.js$/, 'JavaScript glue'), 'utf8');
const wasm = readFileSync(one(/_bg\.wasm$/, 'WebAssembly module'));
const css = readFileSync(one(/^style-[0-9a-f]+\.css$/, 'stylesheet'), 'utf8');
const icon = readFileSync(join(dir, 'favicon.svg')).toString('base64');

// The glue's default export is `__wbg_init` (wasm-bindgen's `--target web`): given the bytes,
// it compiles them asynchronously and fetches nothing.
if (!/function __wbg_init\(/.test(glue)) throw new Error('single-file: the glue has no __wbg_init');
const boot = `${glue}
const b64 = document.getElementById('qp-wasm').textContent;
const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
`;
for (const [name, text] of [['glue', boot], ['stylesheet', css]]) {
  if (/<\/(script|style)/i.test(text)) throw new Error(`single-file: the ${name} would close its element early`);
}

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(boot)} 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  "img-src data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = readFileSync(join(dir, 'index.html'), 'utf8');
const replace = (re, by, what) => {
  if (!re.test(html)) throw new Error(`single-file: index.html has no ${what}`);
  html = html.replace(re, by);
};
replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, () => `<meta http-equiv="Content-Security-Policy" content="${csp}" />`, 'policy');
replace(/<script type="module" src="[^"]*"><\/script>/, '', 'loader');
replace(/<script src="sw-register\.js"[^>]*><\/script>/, '', 'service worker registration');
replace(/<link rel="manifest"[^>]*>/, '', 'manifest link');
replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`, 'stylesheet');
replace(/<link rel="icon"[^>]*>/, () => `<link rel="icon" href="data:image/svg+xml;base64,${icon}" type="image/svg+xml" />`, 'icon');
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
replace(
  /<\/body>/,
  () => `<script type="application/octet-stream" id="qp-wasm">${wasm.toString('base64')}</script>\n<script type="module">${boot}</script>\n</body>`,
  'body',
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single-file: ${out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)`);
