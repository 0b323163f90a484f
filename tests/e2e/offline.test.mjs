// The libraries the app was specified with, seen from the browser, and offline use: the
// charts drawn by plotters, the app after its first visit with the web server gone, a new
// deployment offered without interrupting an edit, and the single-file build from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { DIST, launch, serveStatic, openPage, typeInto, text, waitText, withScreenshotOnFailure, collectDialogs } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CHARTS = ['#chart-quarters', '#chart-progress', '#chart-top', '#chart-five-year', '#chart-mix'];
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of dist/ in a folder of its own (a deployment that can change or go away), served
 *  while `body` runs and removed after it, whether it passes or fails (a server left open
 *  would keep the test process alive). */
async function withDeployment(body) {
  const dir = await mkdtemp(join(tmpdir(), 'qp-deploy-'));
  await cp(DIST, dir, { recursive: true });
  const server = await serveStatic([['/', dir]]);
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
      await body({ dir, server, context });
  } finally {
    await context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Wait until the service worker has precached the app and is active. */
async function offlineReady(page) {
  await page.waitForFunction(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return Boolean(r && r.active && r.active.state === 'activated');
  }, null, { timeout: 30_000 });
}

async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('#save-state')?.textContent === '已保存到本机');
}

test('every chart is plotters\' SVG, follows the target, and shows a hostile name as text', async () => {
  await withDeployment(async ({ server, context }) => {
    const { page, problems } = await openPage(context, server.url);
    const dialogs = collectDialogs(page);
    await withScreenshotOnFailure(page, 'plotters-charts', async () => {
      await page.waitForSelector('#overview-q1-output');
      const charts = async () => Object.fromEntries(await Promise.all(CHARTS.map(async (id) => [id, await page.locator(id).innerHTML()])));
      await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`${id} svg text`)), CHARTS);
      const first = await charts();
      for (const [id, svg] of Object.entries(first)) {
        // plotters writes a sized root and places text by `dy`; no inline style anywhere.
        assert.match(svg, /<svg role="img" aria-label="[^"]+" width="640" height="320" viewBox="0 0 640 320"/, id);
        assert.match(svg, /<title>[^<]+<\/title>/, id);
        assert.match(svg, /<text [^>]*dy="/, id);
        assert.doesNotMatch(svg, /style=/, id);
      }
      // The quarters chart carries the shown Q1 amount as a bar's value.
      assert.ok((await page.locator('#chart-quarters text').allTextContents()).some((t) => t.trim() === '72.60'));

      await typeInto(page, '#target-output', '400');
      await waitText(page, '#overview-q1-output', '88.00亿元');
      const changed = (ids) => Promise.all(ids.map((id) =>
        page.waitForFunction(([sel, before]) => document.querySelector(sel).innerHTML !== before, [id, first[id]])));
      await changed(['#chart-quarters', '#chart-top']);
      assert.ok((await page.locator('#chart-quarters text').allTextContents()).some((t) => t.trim() === '88.00'));
      // Progress is in shares and the five-year path follows the GDP and five-year inputs:
      // they move with those, not with the annual amount.
      await typeInto(page, '#amount-q1', '120');
      await page.click('#auto-balance');
      await changed(['#chart-progress']);
      await typeInto(page, '#five-multiple', '3');
      await changed(['#chart-five-year']);
      // The mix is in shares too: an industry's hold moves it.
      await page.click('tr[data-node="1"] .node-name');
      await typeInto(page, '#node-held', '100亿');
      await changed(['#chart-mix']);

      // A name that is markup, on one of the largest enterprises (node 2, 42.46亿元 at first):
      // drawn as text in the top-ten chart.
      const name = '<img src=x onerror=alert(1)>';
      await page.click('tr[data-node="2"] .node-name');
      await typeInto(page, '#node-name', name);
      await page.waitForFunction((n) => [...document.querySelectorAll('#chart-top text')].some((t) => t.textContent.includes(n)), name);
      assert.equal(await page.locator('#chart-top img').count(), 0);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
    });
  });
});

test('after the first visit the app opens and saves with the web server gone', async () => {
  await withDeployment(async ({ server, context }) => {
    const { page } = await openPage(context, server.url);
    await withScreenshotOnFailure(page, 'offline', async () => {
      await page.waitForSelector('#overview-q1-output');
      await offlineReady(page);
      await server.close();
      await page.reload();
      await page.waitForSelector('#overview-q1-output');
      assert.equal(await text(page, '#overview-q1-output'), '72.60亿元');
      await typeInto(page, '#target-output', '400');
      await waitText(page, '#overview-q1-output', '88.00亿元');
      await waitSaved(page);
      // Reopened, still without a server: the edit was kept.
      await page.reload();
      await waitText(page, '#overview-q1-output', '88.00亿元');
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
    });
  });
});

test('a new deployment is offered, never forced: the edit goes on, and the switch keeps the scenarios', async () => {
  await withDeployment(async ({ dir, server, context }) => {
    const { page, problems } = await openPage(context, server.url);
    await withScreenshotOnFailure(page, 'update', async () => {
      await page.waitForSelector('#overview-q1-output');
      await offlineReady(page);
      await page.reload(); // now controlled by the worker
      await page.waitForSelector('#overview-q1-output');
      await typeInto(page, '#target-output', '400');
      await waitSaved(page);
      // A second tab of the app: the switch asked for in the first must not reload it.
      const { page: other } = await openPage(context, server.url);
      await other.waitForSelector('#overview-q1-output');
      await other.evaluate(() => { window.__sameDocument = true; });

      // Deploy a new version (any change to the service worker is one) and let the page look.
      const sw = join(dir, 'sw.js');
      await writeFile(sw, `${await readFile(sw, 'utf8')}\n// a later deployment\n`);
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await page.waitForSelector('#update-prompt', { timeout: 30_000 });
      assert.match(await text(page, '#update-prompt'), /新版本可用/);
      // Nothing switched by itself: the same document, and an edit in progress goes on.
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => window.__sameDocument), true);
      await typeInto(page, '#target-output', '410');
      await waitText(page, '#overview-q1-output', '90.20亿元');

      await page.click('#update-apply');
      await page.waitForFunction(() => window.__sameDocument === undefined, null, { timeout: 30_000 });
      await page.waitForSelector('#overview-q1-output');
      await waitText(page, '#overview-q1-output', '90.20亿元');
      assert.equal(await page.locator('#update-prompt').count(), 0);

      // The other tab runs on, offering the reload at its user's moment.
      await other.waitForSelector('#update-prompt');
      await other.waitForTimeout(500);
      assert.equal(await other.evaluate(() => window.__sameDocument), true);
      await other.click('#update-apply');
      await other.waitForFunction(() => window.__sameDocument === undefined, null, { timeout: 30_000 });
      await waitText(other, '#overview-q1-output', '90.20亿元');
      assert.deepEqual(problems, []);
    });
  });
});

test('the single file runs from file://: the example, an edit that is saved, and a reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'qp-single-'));
  const file = join(dir, 'quota-planner.html');
  execFileSync('node', [join(ROOT, 'scripts', 'single-file.mjs'), DIST, file]);
  const context = await browser.newContext();
  try {
    const { page, problems } = await openPage(context, pathToFileURL(file).href);
    await withScreenshotOnFailure(page, 'single-file', async () => {
      await page.waitForSelector('#overview-q1-output');
      assert.equal(await text(page, '#overview-q1-output'), '72.60亿元');
      await page.waitForSelector('#chart-quarters svg');
      await typeInto(page, '#target-output', '400');
      await waitText(page, '#overview-q1-output', '88.00亿元');
      await waitSaved(page);
      await page.reload();
      await waitText(page, '#overview-q1-output', '88.00亿元');
      // Nothing was fetched but the file itself.
      const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
      assert.deepEqual(fetched.filter((u) => !u.startsWith('data:')), []);
      assert.deepEqual(problems, []);
    });
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
