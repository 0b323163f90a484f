// Through the quarter (issue "Through the quarter"): 1–2月 actuals entered for the county and
// pasted for three enterprises; what March must deliver a day; the enterprise behind time
// progress highlighted first; a figure's formula; the actuals kept through export and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { suite, openPage, text, waitText, typeInto, withScreenshotOnFailure, screenshot } from './harness.mjs';

const env = suite(before, after);

test('1–2月 actuals: the county and three enterprises by paste, March per day, the one behind first; export and import keep them', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'progress', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.click('#progress > summary');
    await page.waitForSelector('#actual-county');
    assert.equal(await page.locator('#actuals-period option:checked').textContent(), '1–2月');
    // Q1's months by days (31, 28, 31), adding up to 72.60亿元; March 8,066.67万元 a day.
    const months = await Promise.all([1, 2, 3].map((m) => text(page, `#month-${m}`)));
    assert.deepEqual(months, ['25.01', '22.59', '25.00']);
    assert.equal(await text(page, '#month-daily-3'), '8,066.67');
    // DOMAIN.md's worked example: Q1 72.60亿元, 45.00 done by the end of February; March has
    // 31 days: 27.60亿元 = 8,903.23万元 a day. 59 / 365 = 16.16%; 45 / 330 = 13.64%.
    await typeInto(page, '#actual-county', '45');
    await waitText(page, '#progress-county-quarter-daily', '8,903.23万元');
    assert.equal(await text(page, '#progress-county-quarter-rest'), '27.60亿元');
    assert.equal(await text(page, '#progress-county-time'), '16.16%');
    assert.equal(await text(page, '#progress-county-of-year'), '13.64%');
    assert.match(await text(page, '#progress-county-gap'), /^-2\.52/);
    // The year's chart: cumulative plan, time progress, and the actual at the end of February.
    await page.waitForSelector('#chart-cumulative svg');
    assert.match(await page.locator('#chart-cumulative').innerHTML(), /13\.64%/);
    // The enterprises, pasted as the bureau's table gives them (万元).
    await page.fill('#actuals-paste', '企业名称\t累计\n示例县宏远煤化有限公司\t50,000\n示例县清源天然气有限公司\t40000\n示例县金泰化工有限公司\t30000\n不存在的厂\t1\n');
    await page.click('#actuals-apply');
    await page.waitForSelector('#actuals-paste-result');
    assert.match(await text(page, '#actuals-paste-result'), /已填入 3 家/);
    assert.match(await text(page, '#actuals-paste-result'), /不存在的厂/);
    // The table follows once edits pause (150 ms).
    await page.waitForFunction(() => document.querySelectorAll('#progress-table tbody tr').length === 3);
    const rows = page.locator('#progress-table tbody tr');
    // 宏远: 5 / 42.46 = 11.78% of its year, 4.39 points behind; 93,412 − 50,000 over 31 days.
    assert.match(await rows.nth(0).textContent(), /宏远煤化/);
    assert.equal(await rows.nth(0).evaluate((r) => r.classList.contains('behind')), true);
    assert.equal(await rows.nth(1).evaluate((r) => r.classList.contains('behind')), false);
    assert.match(await rows.nth(0).textContent(), /1,400\.39/);
    // Its per-day figure explains itself.
    await rows.nth(0).locator('button.num').nth(6).click();
    await page.waitForSelector('#explain-panel .chain');
    assert.match(await text(page, '#explain-panel .chain'), /÷ 剩余天数 31 天/);
    await screenshot(page, 'progress');
    // A negative actual is refused at its field; the figures stay.
    await typeInto(page, '#actual-county', '-5');
    await page.waitForFunction(() => document.querySelector('#actual-county-error')?.textContent !== '');
    await typeInto(page, '#actual-county', '45');
    await waitText(page, '#progress-county-quarter-daily', '8,903.23万元');

    // Comparable prices: value added 72.50 growing 9% to 79.025 with prices up 3%:
    // 79.025 ÷ (1.03 × 72.50) − 1 = 5.83%.
    await typeInto(page, '#price-index-value_added', '1.03');
    await waitText(page, '#comparable-growth-value_added', '5.83%');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'price-index-value_added');

    // The progress as CSV: the county's March per day, 宏远煤化 first of the enterprises.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-progress-csv')]);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\uFEFF/, '');
    assert.match(csv, /规上产值,示例县,45\.00,/);
    assert.match(csv, /,8903\.23,/);
    assert.match(csv, /企业[^\n]*\r?\n规上产值,示例县宏远煤化有限公司,50000\.00,/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const path = await download.path();
    const json = JSON.parse(await readFile(path, 'utf8'));
    // Format 3 only because of the actuals.
    assert.equal(json.schema_version, 3);
    assert.equal(json.actuals.period, 'jan_feb');
    await typeInto(page, '#actual-county', '50');
    await waitText(page, '#progress-county-quarter-rest', '22.60亿元');
    await page.setInputFiles('#import-json', path);
    await waitText(page, '#progress-county-quarter-rest', '27.60亿元');
    await page.waitForFunction(() => document.querySelectorAll('#progress-table tbody tr').length === 3);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('enterprise actuals read from the bureau’s workbook, by name, on whichever sheet names them', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('说明').addRow(['1–2月规上工业企业产值']);
  const sheet = book.addWorksheet('企业');
  sheet.addRow(['企业名称', '1–2月累计（万元）']);
  sheet.addRow(['示例县宏远煤化有限公司', 50000]);
  sheet.addRow(['示例县清源天然气有限公司', 40000]);
  sheet.addRow(['示例县金泰化工有限公司', '三万']);
  const path = join(tmpdir(), 'qp-actuals.xlsx');
  await book.xlsx.writeFile(path);
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'progress-file', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.click('#progress > summary');
    await page.setInputFiles('#actuals-file', path);
    await page.waitForSelector('#actuals-paste-result');
    assert.match(await text(page, '#actuals-paste-result'), /已填入 2 家/);
    // The number written in words is said with its line.
    assert.match(await text(page, '#actuals-paste-problems'), /第 4 行/);
    await page.waitForFunction(() => document.querySelectorAll('#progress-table tbody tr').length === 2);
    assert.match(await page.locator('#progress-table tbody tr').first().textContent(), /宏远煤化/);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('last year’s months set the pattern of this year’s months', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'progress-months', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.click('#progress > summary');
    await page.click('#base-months > summary');
    for (const [m, v] of [[1, '20'], [2, '10'], [3, '30']]) await typeInto(page, `#base-month-${m}`, v);
    // 72.60 × 20/60, 10/60, 30/60.
    await waitText(page, '#month-3', '36.30');
    assert.deepEqual(await Promise.all([1, 2].map((m) => text(page, `#month-${m}`))), ['24.20', '12.10']);
    await page.click('#month-2');
    await page.waitForSelector('#explain-panel .chain');
    assert.match(await text(page, '#explain-panel .chain'), /上年本月 10\.00亿元/);
    await typeInto(page, '#base-month-5', '-1');
    await page.waitForFunction(() => document.querySelector('#base-month-5-error')?.textContent !== '');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('monthly shares typed by hand: not adding up to the quarter is said and keeps the last good months; each enterprise’s months add up both ways', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'progress-month-shares', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.click('#progress > summary');
    // The defaults: Q1's 22% by days, to 0.0001%.
    assert.equal(await page.inputValue('#month-share-1'), '7.5778');
    await typeInto(page, '#month-share-1', '7');
    await page.waitForFunction(() => /合计/.test(document.querySelector('#month-shares-error')?.textContent ?? ''));
    assert.match(await text(page, '#month-shares-error'), /应等于该季度占比 22%/);
    // The last good months stay on the page.
    assert.equal(await text(page, '#month-3'), '25.00');
    await typeInto(page, '#month-share-2', '6');
    await typeInto(page, '#month-share-3', '9');
    // 72.60 × 9 / 22 = 29.70亿元.
    await waitText(page, '#month-3', '29.70');
    assert.equal(await text(page, '#month-shares-error'), '');
    await page.click('#month-3');
    await page.waitForSelector('#explain-panel .chain');
    assert.match(await text(page, '#explain-panel .chain'), /本月占比 9%/);

    // Each enterprise's months: an industry's rows add up to it month by month, and each
    // row's months to its quarter.
    await page.waitForSelector('#node-months tbody tr');
    const read = async () => page.$$eval('#node-months tbody tr', (rows) => rows.map((r) =>
      [...r.querySelectorAll('td.figure')].slice(0, 3).map((c) => Math.round(Number(c.textContent.replace(/,/g, '')) * 100))));
    const table = await read();
    assert.ok(table.length >= 3, `${table.length} rows`);
    for (let m = 0; m < 3; m++) {
      assert.equal(table.slice(1).reduce((a, r) => a + r[m], 0), table[0][m], `month ${m + 1}`);
    }
    // The industry's March is its Q1 × 9/22 (rounded with its siblings).
    const industryName = await page.locator('#node-months tbody tr').first().locator('td').first().textContent();
    assert.ok(industryName.length > 0);
    await page.locator('#node-months tbody tr').nth(1).locator('button.num').nth(2).click();
    await page.waitForSelector('#explain-panel .chain');
    assert.match(await text(page, '#explain-panel .chain'), /本季度任务/);
    // Another industry.
    await page.selectOption('#months-industry', '1');
    await page.waitForFunction((first) => document.querySelector('#node-months tbody tr td')?.textContent !== first, industryName);
    // Back to the defaults.
    await page.click('#month-shares-reset');
    await waitText(page, '#month-3', '25.00');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('actuals with last year’s same period give year on year; the workbook’s 实际数 sheet reads back; GDP share at current prices', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'progress-workbook', async () => {
    await page.waitForSelector('#overview-q1-output');
    await page.click('#progress > summary');
    // Headings in another order, the county's row by its name, last year's same period.
    await page.fill('#actuals-paste', '上年同期累计（万元）\t企业名称\t累计实际（万元）\n400000\t示例县\t450000\n40000\t示例县宏远煤化有限公司\t50000\n\t示例县清源天然气有限公司\t40000\n');
    await page.click('#actuals-apply');
    await waitText(page, '#actuals-paste-result', '已填入全县和 2 家企业的累计实际。');
    await waitText(page, '#progress-county-quarter-daily', '8,903.23万元');
    // 45 / 40 − 1 = 12.50%; 宏远 50,000 / 40,000 − 1 = 25.00%.
    assert.equal(await text(page, '#progress-county-yoy'), '12.50%');
    const hongyuan = page.locator('#progress-table tbody tr', { hasText: '宏远煤化' });
    assert.match(await hongyuan.textContent(), /25\.00%/);
    // Ordered by what is still to do per day, then by name.
    const column = async (i) => page.$$eval('#progress-table tbody tr', (rows, i) => rows.map((r) => r.querySelectorAll('td')[i].textContent), i);
    await page.selectOption('#progress-sort', 'per-day');
    const perDay = (await column(7)).map((t) => Number(t.replace(/,/g, '')));
    assert.deepEqual(perDay, [...perDay].sort((a, b) => b - a));
    await page.selectOption('#progress-sort', 'name');
    await page.waitForFunction(() => /按名称/.test(document.querySelector('#progress-table thead th')?.textContent ?? ''));
    const names = await column(0);
    assert.deepEqual(names, [...names].sort());

    // The workbook carries the actuals as entered; read back into a changed scenario.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const path = await download.path();
    await typeInto(page, '#actual-county', '50');
    await waitText(page, '#progress-county-quarter-rest', '22.60亿元');
    await page.setInputFiles('#actuals-file', path);
    await waitText(page, '#progress-county-quarter-rest', '27.60亿元');
    assert.match(await text(page, '#actuals-paste-result'), /全县和 2 家/);
    assert.equal(await text(page, '#progress-county-yoy'), '12.50%');

    // The GDP card's targets at comparable prices; with both price indexes the share at
    // current prices: 165 × 1.05 / (449.40 × 1.02) = 37.80% (36.72% at comparable prices).
    await typeInto(page, '#gdp-price-index', '1.02');
    await typeInto(page, '#va-price-index', '1.05');
    await waitText(page, '#gdp-share-current', '37.80%');
    assert.equal(await text(page, '#gdp-share-comparable'), '36.72%');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
