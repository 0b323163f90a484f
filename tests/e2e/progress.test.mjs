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
    const rows = page.locator('#progress-table tbody tr');
    assert.equal(await rows.count(), 3);
    // 宏远: 5 / 42.46 = 11.78% of its year, 4.39 points behind; 93,412 − 50,000 over 31 days.
    assert.match(await rows.nth(0).textContent(), /宏远煤化/);
    assert.equal(await rows.nth(0).evaluate((r) => r.classList.contains('behind')), true);
    assert.equal(await rows.nth(1).evaluate((r) => r.classList.contains('behind')), false);
    assert.match(await rows.nth(0).textContent(), /1,400\.39/);
    // Its per-day figure explains itself.
    await rows.nth(0).locator('button.num').nth(4).click();
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
    assert.equal(await page.locator('#progress-table tbody tr').count(), 2);
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
