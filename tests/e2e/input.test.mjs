// Editing a long text box (issue 20, point 4): 20,000 pasted lines, then Ctrl+A and Delete.
// Each key must be answered about as fast as in the same box on an otherwise empty page.
//
// The cause this guards against: Chromium makes every selection change in a text box cost time
// in the square of its lines (0.6 s at 2,000, 4 s at 8,000, 34 s at 20,000 on the 2-core test VM)
// as soon as anything on the page has its rendering skipped by a display lock: a closed
// <details> (Chromium's own stylesheet gives its content `content-visibility: hidden`), an
// element with `content-visibility: hidden`, or one with `content-visibility: auto` while out
// of view. No script runs in that time (a CPU profile is all "(program)", a trace all
// Editor::SyncSelection), so it reaches text boxes the app does not know about too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suite, fresh, withScreenshotOnFailure } from './harness.mjs';

const env = suite(before, after);

const LINES = 20_000;
/** Rows as Excel or WPS copy them: enterprise, industry, base output, tab-separated. */
const PASTED = Array.from({ length: LINES }, (_, i) => `企业${i}\t行业${i % 7}\t${(i % 90) + 1}`).join('\n');
const VIEWPORT = { width: 1366, height: 768 };

/** Press `key` in the focused box: ms until the page has drawn a frame after it and replied. */
async function keystroke(page, key) {
  const t0 = performance.now();
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  return performance.now() - t0;
}

/** Paste PASTED into `selector` as a user does: the clipboard and Ctrl+V, one undoable edit. */
async function paste(context, page, selector) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  await page.focus(selector);
  await page.evaluate((t) => navigator.clipboard.writeText(t), PASTED);
  await page.keyboard.press('Control+V');
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).value.length === n, [selector, PASTED.length]);
}

/**
 * Ctrl+A, then Delete, in the box holding PASTED; each key's time. `limit` (key → ms), when
 * given, is checked right after each key, so that a slow page fails at its first slow key.
 */
async function selectAllAndDelete(page, selector, limit) {
  const ms = {};
  ms['Control+A'] = await keystroke(page, 'Control+A');
  limit?.('Control+A', ms['Control+A']);
  const [start, end, length] = await page.$eval(selector, (t) => [t.selectionStart, t.selectionEnd, t.value.length]);
  assert.deepEqual([start, end], [0, length]);
  assert.ok(length >= PASTED.length);
  ms.Delete = await keystroke(page, 'Delete');
  limit?.('Delete', ms.Delete);
  assert.equal(await page.inputValue(selector), '');
  return ms;
}

/**
 * The browser's own cost of the same keys in the same box on a page holding nothing else,
 * served from the app's origin (no service worker), measured once per run on this machine.
 */
let plain = null;
async function plainPage() {
  if (plain) return plain;
  const context = await env.browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  await context.route('**/plain-text-box.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><meta charset="utf-8"><title>plain</title><textarea id="box" rows="6"></textarea>',
    }),
  );
  const page = await context.newPage();
  await page.goto(new URL('plain-text-box.html', env.server.url).href);
  await paste(context, page, '#box');
  const typing = await typeAtEnd(page);
  plain = { ...(await selectAllAndDelete(page, '#box')), typing };
  await context.close();
  return plain;
}

/** Type five characters at the end of the focused box: the median time of a key. */
async function typeAtEnd(page) {
  await page.keyboard.press('Control+End');
  const times = [];
  for (const key of ['1', '2', '3', '4', '5']) times.push(await keystroke(page, key));
  times.sort((a, b) => a - b);
  return times[2];
}

/**
 * The bound for one key. The issue asks 100 ms, but on the 2-core test VM Chromium alone needs
 * about 0.3 s for Ctrl+A in 20,000 lines on an empty page (the reporter measured 0.56 s for both
 * keys), so a fixed 100 ms would fail whatever the app does. The bound is therefore the empty
 * page's time for the same key, measured in the same run (the machine's speed and load cancel
 * out), three times over plus 100 ms for the app's own answer (the paste preview going away)
 * and for noise, and never under the 100 ms. With a display lock on the page the keys
 * take about 100 times the empty page's time (34 s and 32 s against 0.33 s and 0.17 s);
 * without one about 1.3 times.
 */
function limits(base, where) {
  return (key, ms) => {
    const bound = Math.max(100, 3 * base[key] + 100);
    assert.ok(
      ms <= bound,
      `${key} in ${where} holding ${LINES} lines took ${Math.round(ms)} ms, over ${Math.round(bound)} ms ` +
        `(the same key on an empty page: ${Math.round(base[key])} ms). Is part of the page display-locked ` +
        `(content-visibility: auto or hidden, a closed <details> whose ::details-content is not ` +
        `display: none)?`,
    );
  };
}

test('select all and delete in the paste box holding 20,000 lines answer each key about as fast as on an empty page', async (t) => {
  const base = await plainPage();
  const { context, page, problems } = await fresh(env, { viewport: VIEWPORT });
  await withScreenshotOnFailure(page, 'paste-clear', async () => {
    await page.click('#paste-open');
    await paste(context, page, '#paste-text');
    await page.waitForFunction((n) => document.querySelector('#paste-summary')?.textContent.startsWith(`共 ${n} 行`), LINES);
    const ms = await selectAllAndDelete(page, '#paste-text', limits(base, 'the paste box'));
    // The preview went with the text.
    await page.waitForSelector('#paste-summary', { state: 'detached', timeout: 5_000 });
    t.diagnostic(`20,000 lines, paste box: ${JSON.stringify(ms)} ms; empty page: ${JSON.stringify(base)} ms`);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('typing in the paste box holding 20,000 lines answers each key about as fast as on an empty page', async (t) => {
  // The preview re-reads every line: it follows the text once typing pauses, not per key.
  const base = await plainPage();
  const { context, page, problems } = await fresh(env, { viewport: VIEWPORT });
  await withScreenshotOnFailure(page, 'paste-typing', async () => {
    await page.click('#paste-open');
    await paste(context, page, '#paste-text');
    await page.waitForFunction((n) => document.querySelector('#paste-summary')?.textContent.startsWith(`共 ${n} 行`), LINES);
    const median = await typeAtEnd(page);
    // Typing on the empty page costs about 70 ms a key here; re-reading 20,000 lines per key
    // cost 240–280 ms. Twice the empty page's time plus 50 ms tells them apart.
    const bound = Math.max(100, 2 * base.typing + 50);
    t.diagnostic(`a key in 20,000 lines: ${Math.round(median)} ms (empty page ${Math.round(base.typing)} ms, bound ${Math.round(bound)} ms)`);
    assert.ok(median <= bound, `a key took ${Math.round(median)} ms, over ${Math.round(bound)} ms`);
    // The preview catches up once typing pauses: the last line now ends in 12345.
    await page.waitForFunction(() => [...document.querySelectorAll('#paste-preview tbody tr')].length > 0);
    assert.match(await page.inputValue('#paste-text'), /12345$/);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a text box added to the page answers select all and delete in 20,000 lines as fast as on an empty page', async (t) => {
  // Whatever slows the paste box must not be in the page around it either: the issue found a
  // text box added to the app's page as slow as the paste box.
  const base = await plainPage();
  const { context, page, problems } = await fresh(env, { viewport: VIEWPORT });
  await withScreenshotOnFailure(page, 'added-box-clear', async () => {
    await page.evaluate(() => {
      const box = document.createElement('textarea');
      box.id = 'added-box';
      box.rows = 6;
      document.body.append(box);
    });
    await paste(context, page, '#added-box');
    const ms = await selectAllAndDelete(page, '#added-box', limits(base, 'a text box added to the page'));
    t.diagnostic(`20,000 lines, added box: ${JSON.stringify(ms)} ms; empty page: ${JSON.stringify(base)} ms`);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('nothing on the page is display-locked: no content-visibility, closed details hidden by display: none', async () => {
  const { context, page, problems } = await fresh(env, { viewport: VIEWPORT });
  await withScreenshotOnFailure(page, 'display-locks', async () => {
    const locked = () =>
      page.evaluate(() => {
        const out = [];
        const name = (e) => e.id || `${e.tagName.toLowerCase()}.${e.className}`;
        for (const e of document.querySelectorAll('*')) {
          const cv = getComputedStyle(e).contentVisibility;
          if (cv !== 'visible') out.push(`${name(e)}: content-visibility ${cv}`);
          if (e.tagName === 'DETAILS') {
            const c = getComputedStyle(e, '::details-content');
            if (c.contentVisibility !== 'visible') out.push(`${name(e)}::details-content: content-visibility ${c.contentVisibility}`);
          }
        }
        return out;
      });
    // At the top of the page (every card below it out of view), then at the bottom.
    assert.deepEqual(await locked(), []);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.deepEqual(await locked(), []);
    // A closed details still hides its content, and shows it when opened.
    assert.equal(await page.locator('#paste-text').isVisible(), false);
    await page.click('#paste-open');
    assert.equal(await page.locator('#paste-text').isVisible(), true);
    assert.equal(await page.locator('#compare .toolbar').isVisible(), false);
    await page.click('#compare-open');
    assert.equal(await page.locator('#compare .toolbar').isVisible(), true);
    assert.deepEqual(await locked(), []);
    assert.deepEqual(problems, []);
  });
  await context.close();
});
