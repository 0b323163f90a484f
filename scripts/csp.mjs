// Part of Trunk's post-build hook (scripts/post-build.mjs): make the page work under a strict
// Content Security Policy.
// Trunk writes its wasm loader as an inline <script type="module">; a strict policy forbids
// inline script, so the loader is moved into its own file (named by its hash), and the
// policy is added as a <meta> tag. Runs on Trunk's staging directory before dist/ is replaced.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const CSP = [
  "default-src 'self'",
  // wasm needs 'wasm-unsafe-eval' to compile; nothing else runs but our own files.
  "script-src 'self' 'wasm-unsafe-eval'",
  // No inline style at all: the charts are SVG with presentation attributes, and the app
  // sets styles through the CSSOM only.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The service worker (sw.js) and the web app manifest, from the app's own folder.
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Move Trunk's inline loader into a file of its own and add the policy to index.html. */
export function makePageStrict(dir) {
  const file = join(dir, 'index.html');
  let html = readFileSync(file, 'utf8');
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const found = html.match(inline);
  if (!found) {
    throw new Error('csp.mjs: no inline module script found in index.html');
  }
  const loader = found[1].trim() + '\n';
  const name = `boot-${createHash('sha256').update(loader).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), loader);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    throw new Error('csp.mjs: an inline script is left in index.html');
  }
  html = html.replace(
    /<meta charset="utf-8"\s*\/?>/,
    (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
  );
  if (!html.includes('Content-Security-Policy')) {
    throw new Error('csp.mjs: could not add the policy');
  }
  writeFileSync(file, html);
}
