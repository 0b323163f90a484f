// Trunk post-build hook: make the page work under a strict Content Security Policy.
// Trunk writes its wasm loader as an inline <script type="module">; a strict policy forbids
// inline script, so the loader is moved into its own file (named by its hash), and the
// policy is added as a <meta> tag. Runs on Trunk's staging directory before dist/ is replaced.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const CSP = [
  "default-src 'self'",
  // wasm needs 'wasm-unsafe-eval' to compile; nothing else runs but our own files.
  "script-src 'self' 'wasm-unsafe-eval'",
  // No inline style at all: the charts are SVG with presentation attributes, and the app
  // sets styles through the CSSOM only.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error('csp.mjs: no inline module script found in index.html');
  process.exit(1);
}
const loader = found[1].trim() + '\n';
const name = `boot-${createHash('sha256').update(loader).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), loader);
html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('csp.mjs: an inline script is left in index.html');
  process.exit(1);
}
html = html.replace(
  /<meta charset="utf-8"\s*\/?>/,
  (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
);
if (!html.includes('Content-Security-Policy')) {
  console.error('csp.mjs: could not add the policy');
  process.exit(1);
}
writeFileSync(file, html);
