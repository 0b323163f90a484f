// Hostile input and faults in the browser: inert names everywhere, the error banner on a
// panic, oversized files, and the Content Security Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { suite, fresh, openPage, typeInto, text, waitText, withScreenshotOnFailure, screenshot, collectDialogs } from './harness.mjs';

const env = suite(before, after);

const PAYLOADS = {
  enterprise: '<img src=x onerror=alert(1)>',
  person: '"><svg onload=alert(1)>',
  industry: '{{7*7}}',
  scenario: "'; --",
  park: '<script>alert(1)</script>',
};

/** The example with the payloads as names, the payload enterprise the largest (so it is in the charts). */
async function hostileScenario(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const s = JSON.parse(await readFile(await download.path(), 'utf8'));
  s.name = PAYLOADS.scenario;
  s.tree.industries[0].name = PAYLOADS.industry;
  const e = s.tree.industries[0].enterprises[0];
  e.name = PAYLOADS.enterprise;
  e.responsible = PAYLOADS.person;
  e.base.output = 60;
  s.parks[0].name = PAYLOADS.park;
  return s;
}

async function importObject(page, s, name = 'hostile.json') {
  await page.setInputFiles('#import-json', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(s)) });
}

test('names are inert everywhere: tree, overview, explanation, charts, comparison, print view, scenario list', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, problems } = await openPage(context, env.server.url);
  const dialogs = collectDialogs(page);
  await withScreenshotOnFailure(page, 'inert-names', async () => {
    await page.waitForSelector('#overview-q1-output');
    const s = await hostileScenario(page);
    await importObject(page, s);
    await page.waitForFunction(() => /已导入/.test(document.querySelector('#file-message')?.textContent || ''));
    // A second copy, so that the comparison has both.
    await page.locator('#scenario-list .scenario-duplicate').last().click();
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 3);

    const bodyText = () => page.evaluate(() => document.body.innerText);
    // The tree and the scenario list.
    const names = await page.locator('#tree-table .node-name').allTextContents();
    assert.ok(names.includes(PAYLOADS.enterprise) && names.includes(PAYLOADS.industry));
    assert.ok((await page.locator('#tree-table .person').allTextContents()).includes(PAYLOADS.person));
    assert.ok((await page.locator('#scenario-list .scenario-open').allTextContents()).some((t) => t.startsWith(PAYLOADS.scenario)));
    // The overview (park line) and the template-looking name left as typed.
    assert.match(await page.locator('#overview').innerText(), /<script>alert\(1\)<\/script>/);
    // The explanation of the payload enterprise's quota names it as text.
    const id = await page.evaluate((n) => [...document.querySelectorAll('#tree-table tr')].find((tr) => tr.querySelector('.node-name')?.textContent === n)?.dataset.node, PAYLOADS.enterprise);
    await page.click(`#quota-${id}`);
    await page.waitForFunction((n) => document.querySelector('#explain-panel')?.innerText.includes(n), PAYLOADS.enterprise);
    // The charts: the top-ten chart draws the name as SVG text.
    await page.waitForFunction((n) => [...document.querySelectorAll('#chart-top text')].some((t) => t.textContent.includes(n)), PAYLOADS.enterprise);
    // The comparison.
    await page.click('#compare-open');
    await page.waitForSelector('#compare-table');
    await page.check('#compare-only-differences').catch(() => {});
    await page.uncheck('#compare-only-differences');
    await page.waitForFunction((n) => document.querySelector('#compare-table')?.innerText.includes(n), PAYLOADS.enterprise);
    assert.ok((await page.locator('#compare-a option').allTextContents()).some((t) => t.startsWith(PAYLOADS.scenario)));
    // The print view.
    await page.emulateMedia({ media: 'print' });
    assert.ok((await bodyText()).includes(PAYLOADS.enterprise));
    await screenshot(page, 'inert-names-print');
    await page.emulateMedia({ media: 'screen' });

    // Nothing ran and nothing was injected.
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img[src="x"], img[onerror]').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    }));
    assert.deepEqual(injected, { img: 0, handlers: 0, scripts: 0 });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a panic shows an error banner with the last saved copy to download, not a dead page', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await page.waitForSelector('#overview-q1-output');
  await page.fill('#target-output', '400');
  await page.waitForFunction(() => /已保存/.test(document.querySelector('#save-state')?.textContent));
  await page.goto(`${env.server.url}?qp-test-panic`);
  await withScreenshotOnFailure(page, 'panic-banner', async () => {
    await page.waitForSelector('#panic-banner');
    assert.match(await page.locator('#panic-banner').innerText(), /程序出错/);
    assert.match(await page.locator('#panic-banner pre').innerText(), /qp-test-panic/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panic-download')]);
    const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(saved.indicators[0].target.value, '400');
    // The page is still there to read.
    assert.equal(await page.locator('#overview-q1-output').textContent(), '88.00亿元');
    assert.ok(await page.locator('#panic-reload').isVisible());
    await screenshot(page, 'panic-banner');
  });
  await context.close();
});

test('oversized input is refused with a reason and nothing saved is touched: 100,000 enterprises in a 10 MB file, a 1 MB name', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'oversized', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.waitForFunction(() => /已保存/.test(document.querySelector('#save-state')?.textContent));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const s = JSON.parse(await readFile(await download.path(), 'utf8'));
    const before = await page.evaluate(() => JSON.stringify(localStorage));

    const huge = structuredClone(s);
    huge.tree.industries[0].enterprises = Array.from({ length: 100_000 }, (_, i) => ({ id: 100_000 + i, name: `企业${i}`, base: { output: 0.5 } }));
    const bytes = Buffer.from(JSON.stringify(huge));
    assert.ok(bytes.length > 5e6, `${bytes.length} bytes`);
    await page.setInputFiles('#import-json', { name: 'huge.json', mimeType: 'application/json', buffer: bytes });
    await page.waitForFunction(() => /未导入/.test(document.querySelector('#file-message')?.textContent || ''), null, { timeout: 30_000 });
    assert.match(await page.textContent('#file-message'), /^未导入，当前方案未改动：企业太多（1000\d\d 家，上限 20000 家）/);

    const long = structuredClone(s);
    long.tree.industries[0].enterprises[0].name = 'x'.repeat(1 << 20);
    await page.setInputFiles('#import-json', { name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(long)) });
    await page.waitForFunction(() => /超过 200 个字/.test(document.querySelector('#file-message')?.textContent || ''));

    // Nothing stored changed.
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
    // Still responsive.
    const t0 = Date.now();
    await page.fill('#target-output', '400');
    await page.waitForFunction(() => document.querySelector('#overview-q1-output')?.textContent === '88.00亿元');
    assert.ok(Date.now() - t0 < 5_000);
    assert.equal(await page.locator('#scenario-list tbody tr').count(), 1);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('the page ships a strict Content Security Policy and no inline script', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context, env.server.url);
  await page.waitForSelector('#overview-q1-output');
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(policy, /object-src 'none'/);
  // No inline style is allowed, not even by hash; the charts draw without any.
  assert.match(policy, /style-src 'self'(;|$)/);
  await page.waitForSelector('#chart-quarters svg rect');
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  const html = await (await fetch(env.server.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  // An inline script added now would be refused by the policy.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__ran === true), false);
  assert.ok(problems.every((p) => /Content Security Policy/.test(p)) && problems.length === 1, problems.join('\n'));
  await context.close();
});
