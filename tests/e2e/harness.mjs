// Shared by the end-to-end tests: serve dist/ on 127.0.0.1, drive Debian's Chromium with
// playwright-core, collect console errors and page errors, save a screenshot on failure.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = process.env.QP_ARTIFACTS || join(ROOT, 'test-results');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * A static server on an ephemeral loopback port. `mounts` maps URL prefixes to folders,
 * most specific first (e.g. [['/bench/', BENCH], ['/', DIST]]); nothing is cached.
 */
export async function serveStatic(mounts) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) || [];
    if (!dir) return res.writeHead(404).end('not found');
    const rel = path.slice(prefix.length);
    const file = join(dir, rel === '' || rel.endsWith('/') ? rel + 'index.html' : rel);
    if (file !== dir && !file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    // Kept-alive connections too: a page would otherwise still reach a "stopped" server.
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/** dist/ at the root. */
export const serveDist = () => serveStatic([['/', DIST]]);

export async function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extra,
    ],
  });
}

/** A page that records every console error, page error (panic) and failed request. */
export async function openPage(browserOrContext, url) {
  const page = await browserOrContext.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels the requests of the page it leaves; that is not a fault.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Run `body`; on failure save a full-page screenshot named after the test, then rethrow. */
/** Every alert, confirm or prompt the page opens, dismissed and recorded (a hostile name
 *  that ran as markup would open one). */
export function collectDialogs(page) {
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}

export async function withScreenshotOnFailure(page, name, body) {
  try {
    await body();
  } catch (err) {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '_')}-failure.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    err.message += `\n(screenshot: ${path})`;
    throw err;
  }
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The server and browser of one test file: started before its tests, closed after. */
export function suite(before, after) {
  const s = { server: null, browser: null };
  before(async () => {
    s.server = await serveDist();
    s.browser = await launch();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return s;
}

/** A fresh browser context (empty localStorage) with the app loaded. */
export async function fresh(s, options = {}) {
  const context = await s.browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const { page, problems } = await openPage(context, s.server.url);
  await page.waitForSelector('#overview-q1-output');
  return { context, page, problems };
}

/**
 * Scale the stored open scenario's amounts by `factor` (each indicator's last year, plan and
 * amount target, every node's bases), let `more` change it further, write it back and reload.
 * Amounts are decimal strings; `factor` times one is written back as one.
 */
export async function scaleStored(page, factor, more = () => {}) {
  // Changed here, not in the page: the page's Content Security Policy allows no eval.
  const key = await page.evaluate(
    () => `quota-planner/scenarios/${JSON.parse(localStorage.getItem('quota-planner/index')).current}`,
  );
  const s = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
  const times = (x) => String(Number(x) * factor);
  const scale = (values) => {
    for (const k of Object.keys(values || {})) values[k] = times(values[k]);
  };
  for (const input of s.indicators) {
    input.base_actual = times(input.base_actual);
    if (input.last_year_plan) input.last_year_plan = times(input.last_year_plan);
    if (input.target?.by === 'amount') input.target.value = times(input.target.value);
  }
  for (const industry of s.tree.industries) {
    scale(industry.base);
    for (const e of industry.enterprises) {
      scale(e.base);
      for (const p of e.projects || []) scale(p.base);
    }
  }
  more(s);
  await page.evaluate(([k, json]) => localStorage.setItem(k, json), [key, JSON.stringify(s)]);
  await page.reload();
}

/** Clear a field, then type into it key by key (each key an input event). */
export async function typeInto(page, selector, text) {
  await page.fill(selector, '');
  await page.type(selector, text);
}

export const text = (page, selector) => page.locator(selector).first().textContent();

export async function waitText(page, selector, want) {
  await page.waitForFunction(([sel, w]) => document.querySelector(sel)?.textContent === w, [selector, want]);
}
