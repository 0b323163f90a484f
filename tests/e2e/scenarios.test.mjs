// Scenarios that survive: autosave, many named scenarios, compare, files, paste, share links,
// and every storage fault — in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { suite, fresh, openPage, typeInto, text, waitText, withScreenshotOnFailure, screenshot } from './harness.mjs';

const env = suite(before, after);


const waitSaved = (page) => page.waitForFunction(() => /已保存/.test(document.querySelector('#save-state')?.textContent));
const rows = (page) => page.locator('#scenario-list tbody tr');
const names = (page) => page.locator('#scenario-list .scenario-open').allTextContents();
const stored = (page) =>
  page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('quota-planner/index'));
    return { index, current: JSON.parse(localStorage.getItem(`quota-planner/scenarios/${index.current}`)) };
  });

async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('autosave: saving then saved, shortly after the edit; a reload restores the scenario and the list shows it', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'autosave', async () => {
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    // Debounced: the status says saving until the write, then saved, and the store has it.
    await waitSaved(page);
    const { index, current } = await stored(page);
    // Amounts are kept as exact decimal strings.
    assert.deepEqual(current.indicators.find((i) => i.indicator === 'output').target, { by: 'amount', value: '400' });
    assert.equal(index.scenarios.length, 1);
    // The list shows the headline figures.
    assert.match(await rows(page).first().textContent(), /400\.00亿元.*33\.33%.*88\.00亿元.*27/);
    await page.reload();
    await waitText(page, '#overview-q1-output', '88.00亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('many scenarios: create, rename, duplicate, switch, delete with undo; the bin empties on the next start', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'many-scenarios', async () => {
    // Even an untouched scenario shows its headline figures in the list.
    await page.waitForFunction(() => /330\.00亿元.*10%.*72\.60亿元.*27/.test(document.querySelector('#scenario-list tbody tr')?.textContent));
    await page.click('#new-blank');
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    assert.equal(await text(page, '#overview-target-output'), '0.00亿元');
    // Rename the blank one (the open one).
    await rows(page).nth(1).locator('.scenario-rename').click();
    await page.fill('#scenario-list .rename-input', '方案乙：保守');
    await page.press('#scenario-list .rename-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#scenario-name')?.textContent === '方案乙：保守');
    // Back to the first one, then duplicate it and change the copy.
    await rows(page).first().locator('.scenario-open').click();
    await waitText(page, '#overview-q1-output', '72.60亿元');
    await rows(page).first().locator('.scenario-duplicate').click();
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 3);
    assert.match(await text(page, '#scenario-name'), /（副本）$/);
    await page.waitForFunction(() => /330\.00亿元/.test(document.querySelectorAll('#scenario-list tbody tr')[2]?.textContent));
    await typeInto(page, '#target-output', '360');
    await waitText(page, '#overview-target-output', '360.00亿元');
    await waitSaved(page);
    // Delete the copy (the open one): another opens; undo brings it back and opens it.
    await rows(page).nth(2).locator('.scenario-delete').click();
    await page.waitForSelector('#undo-delete');
    assert.equal(await rows(page).count(), 2);
    await page.click('#undo-delete-button');
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 3);
    await waitText(page, '#overview-target-output', '360.00亿元');
    // Delete the blank one for good: after a reload it is gone from the store too.
    await rows(page).nth(1).locator('.scenario-delete').click();
    await page.waitForSelector('#undo-delete');
    await page.reload();
    await page.waitForSelector('#scenario-list tbody tr');
    assert.equal((await names(page)).length, 2);
    assert.ok(!(await names(page)).includes('方案乙：保守'));
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('quota-planner/scenarios/')));
    assert.equal(keys.length, 2);
    await screenshot(page, 'scenarios');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('compare two scenarios: differences highlighted, with the delta and a chart of both', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'compare', async () => {
    await rows(page).first().locator('.scenario-duplicate').click();
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.click('#compare-open');
    await page.waitForSelector('#compare-table');
    // A is the open copy (400), B the original (330).
    const first = await page.locator('#compare-table tbody tr').first().textContent();
    assert.match(first, /400\.00.*330\.00.*-70\.00/);
    assert.ok(await page.locator('#compare-table tbody tr').first().evaluate((tr) => tr.classList.contains('differs')));
    assert.ok((await page.locator('#compare-table tr.enterprise.differs').count()) > 20);
    assert.match(await page.locator('#chart-compare').innerHTML(), /<svg/);
    // Choosing A = B leaves nothing highlighted; the chart stays.
    const ids = await page.locator('#compare-a option').evaluateAll((os) => os.map((o) => o.value));
    await page.selectOption('#compare-a', ids[0]);
    await page.selectOption('#compare-b', ids[0]);
    await page.waitForFunction(() => document.querySelectorAll('#compare-table tr.differs').length === 0);
    await page.locator('#compare').screenshot({ path: `${process.env.QP_ARTIFACTS || 'test-results'}/compare.png` });
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('CSV exports open in Excel and WPS: UTF-8 with BOM, Chinese intact, plain numbers', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'csv', async () => {
    const tree = await downloadOf(page, '#export-tree-csv');
    assert.match(tree.name, /分解表\.csv$/);
    assert.deepEqual([...tree.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = tree.bytes.toString('utf8').slice(1).split('\r\n');
    assert.match(lines[0], /^层级,名称,上级/);
    // The county in 万元 (the table's unit): base 3,000,000, quota 3,300,000, Q1 726,000, daily 8,066.67.
    assert.equal(lines[1], '全县,示例县,,,,3000000.00,3300000.00,100.00,726000.00,8066.67,');
    const quarters = await downloadOf(page, '#export-quarters-csv');
    const q = quarters.bytes.toString('utf8');
    assert.ok(q.startsWith('\ufeff指标,季度'));
    assert.match(q, /\r\n规上产值,Q1,22\.00,72\.60,72\.60,/);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('paste rows from a spreadsheet: a preview says what each row does, then apply (undoable)', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'paste', async () => {
    const industry = await page.locator('#tree-table .node-name').first().textContent();
    await page.click('#paste-open');
    const pasted = [
      '企业名称\t所属行业\t上年产值\t责任人',
      `新粘贴厂\t${industry}\t5,000\t赵六`,
      `\t${industry}\t1\t`,
      '另一新厂\t\tabc\t',
    ].join('\n');
    await page.fill('#paste-text', pasted);
    await page.waitForSelector('#paste-preview');
    const preview = await page.locator('#paste-preview tbody tr').allTextContents();
    assert.equal(preview.length, 3);
    assert.match(preview[0], /新粘贴厂.*新增/);
    assert.match(preview[1], /不导入：缺少企业名称/);
    assert.match(preview[2], /不导入：“上年产值”列：“abc”/);
    await page.click('#paste-apply');
    await page.waitForSelector('#paste-applied');
    await page.fill('#tree-filter', '新粘贴厂');
    await page.waitForFunction(() => [...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '新粘贴厂'));
    await page.click('#undo');
    await page.waitForFunction(() => ![...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '新粘贴厂'));
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a share link opens elsewhere as an offer to import a new scenario; a broken link changes nothing', async () => {
  const { context, page, problems } = await fresh(env);
  let url;
  await withScreenshotOnFailure(page, 'share-make', async () => {
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.click('#share-make');
    url = await page.inputValue('#share-link');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#s1=[\w-]+$/);
    assert.deepEqual(problems, []);
  });
  await context.close();

  // Another browser (fresh storage) opens the link.
  const other = await env.browser.newContext();
  const { page: p2, problems: problems2 } = await openPage(other, url);
  await withScreenshotOnFailure(p2, 'share-open', async () => {
    await p2.waitForSelector('#share-offer');
    assert.equal(await text(p2, '#overview-q1-output'), '72.60亿元', 'nothing applied before the user says so');
    await p2.click('#share-import');
    await waitText(p2, '#overview-q1-output', '88.00亿元');
    assert.equal(await rows(p2).count(), 2);
    assert.equal(new URL(p2.url()).hash, '');

    const broken = url.slice(0, url.length - 40);
    await p2.goto(broken);
    await p2.reload();
    await p2.waitForSelector('#share-error');
    assert.match(await text(p2, '#share-error'), /无法读取/);
    await waitText(p2, '#overview-q1-output', '88.00亿元');
    assert.equal(await rows(p2).count(), 2);
    assert.deepEqual(problems2, []);
  });
  await other.close();
});

test('storage full: the save fails visibly, the edit stays in memory with an export offer, and saving resumes once there is room', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'quota', async () => {
    // Fill the quota to the last character, so that any write that grows fails.
    await page.evaluate(() => {
      let chunk = 'x'.repeat(1 << 20);
      for (let n = 0; chunk.length > 0; ) {
        try {
          localStorage.setItem(`f${n++}`, chunk);
        } catch {
          chunk = chunk.slice(0, Math.floor(chunk.length / 2));
        }
      }
    });
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.waitForFunction(() => /未保存/.test(document.querySelector('#save-state')?.textContent));
    assert.match(await text(page, '#save-state'), /存储空间已满/);
    const exported = await downloadOf(page, '#save-export');
    assert.equal(JSON.parse(exported.bytes.toString('utf8')).indicators[0].target.value, '400');
    // What is stored is whole: the list and the scenario still read (the old or the new).
    const kept = await stored(page);
    assert.equal(kept.index.scenarios.length, 1);
    assert.ok(['0.1', '400'].includes(kept.current.indicators[0].target.value));
    await page.evaluate(() => Object.keys(localStorage).filter((k) => /^f\d+$/.test(k)).forEach((k) => localStorage.removeItem(k)));
    await typeInto(page, '#target-output', '401');
    await waitSaved(page);
    assert.equal((await stored(page)).current.indicators[0].target.value, '401');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('storage disabled: the app works in memory and says so', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'no-storage', async () => {
    await page.waitForSelector('#overview-q1-output');
    assert.match(await text(page, '#save-state'), /不允许本地存储/);
    assert.match(await text(page, '.storage-note'), /只保存在本页中/);
    assert.ok(await page.locator('#save-export').isVisible());
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.click('#new-example');
    await page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    await rows(page).first().locator('.scenario-open').click();
    await waitText(page, '#overview-q1-output', '88.00亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('two tabs: a change saved in one is noticed in the other, which never overwrites it', async () => {
  const context = await env.browser.newContext();
  const a = await openPage(context, env.server.url);
  await a.page.waitForSelector('#overview-q1-output');
  const b = await openPage(context, env.server.url);
  await b.page.waitForSelector('#overview-q1-output');
  await withScreenshotOnFailure(b.page, 'two-tabs', async () => {
    await typeInto(a.page, '#target-output', '400');
    await waitSaved(a.page);
    // B is told, and stops saving.
    await b.page.waitForSelector('#conflict');
    assert.match(await text(b.page, '#save-state'), /暂停保存/);
    await typeInto(b.page, '#target-output', '350');
    await waitText(b.page, '#overview-target-output', '350.00亿元');
    await b.page.waitForTimeout(800);
    assert.equal((await stored(b.page)).current.indicators[0].target.value, '400', 'B did not overwrite A');
    // B keeps its own as a new scenario; A's stays; A's list learns of the new one.
    await b.page.click('#conflict-keep');
    await b.page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    await waitText(b.page, '#overview-target-output', '350.00亿元');
    await a.page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    assert.equal(await text(a.page, '#overview-target-output'), '400.00亿元');

    // Now A edits B's original again… B is on its copy, so no conflict; A edits the copy's
    // original only. Open the same scenario in both and take the other tab's version.
    await a.page.locator('#scenario-list .scenario-open', { hasText: '（副本）' }).click();
    await waitText(a.page, '#overview-target-output', '350.00亿元');
    await typeInto(a.page, '#target-output', '380');
    await waitSaved(a.page);
    await b.page.waitForSelector('#conflict-reload');
    await b.page.click('#conflict-reload');
    await waitText(b.page, '#overview-target-output', '380.00亿元');
    assert.match(await text(b.page, '#save-state'), /已保存/);

    // A deletes the scenario B has open: B is told and does not bring it back by saving.
    await a.page.locator('#scenario-list tr.current .scenario-delete').click();
    await a.page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 1);
    await b.page.waitForSelector('#conflict');
    assert.equal(await b.page.locator('#conflict-reload').count(), 0);
    await typeInto(b.page, '#target-output', '390');
    await b.page.waitForTimeout(800);
    assert.equal(await a.page.locator('#scenario-list tbody tr').count(), 1);
    await b.page.click('#conflict-keep');
    await a.page.waitForFunction(() => document.querySelectorAll('#scenario-list tbody tr').length === 2);
    assert.deepEqual([...a.problems, ...b.problems], []);
  });
  await context.close();
});

test('recovery on opening: a scenario missing from the list is found again, a corrupt one is backed up, a newer layout is left alone', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'recovery', async () => {
    await page.waitForSelector('#overview-q1-output');
    // A scenario written without its line in the list (a crash between the two writes).
    await page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem('quota-planner/index'));
      const s = JSON.parse(localStorage.getItem(`quota-planner/scenarios/${index.current}`));
      s.name = '崩溃前写入的方案';
      localStorage.setItem('quota-planner/scenarios/orphan', JSON.stringify(s));
      localStorage.setItem(`quota-planner/scenarios/${index.current}`, '{"schema_version": 1, "trunc');
    });
    await page.reload();
    await page.waitForSelector('#overview-q1-output');
    assert.deepEqual(await names(page), ['崩溃前写入的方案']);
    const notes = (await page.locator('.storage-note').allTextContents()).join('\n');
    assert.match(notes, /找回了未列入清单的方案/);
    assert.match(notes, /无法读取/);
    const backup = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quota-planner/backup/scenarios/')));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backup), '{"schema_version": 1, "trunc');

    // A newer version's layout: read-only, nothing written.
    await page.evaluate(() => localStorage.setItem('quota-planner/index', '{"layout": 9, "future": true}'));
    await page.reload();
    await page.waitForSelector('#overview-q1-output');
    assert.match(await text(page, '#save-state'), /更新版本/);
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.waitForTimeout(800);
    assert.equal(await page.evaluate(() => localStorage.getItem('quota-planner/index')), '{"layout": 9, "future": true}');
    assert.deepEqual(problems, []);
  });
  await context.close();
});
