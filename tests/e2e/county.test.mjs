// One's own county (the first part of issue "your own county"): a blank scenario guides with
// a checklist; county, scenario name and plan year are set in the page; a leap plan year
// re-plans the days; daily quotas over working days; the printed brief says what it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suite, fresh, typeInto, text, waitText, withScreenshotOnFailure, screenshot } from './harness.mjs';

const env = suite(before, after);

test('a blank scenario lists what is missing, and the list follows what is filled in', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'blank-checklist', async () => {
    assert.equal(await page.locator('#checklist').count(), 0, 'the example lacks nothing');
    await page.click('#new-blank');
    await page.waitForSelector('#checklist');
    const items = () => page.locator('#checklist li').evaluateAll((li) => li.map((l) => [l.classList.contains('done'), l.textContent]));
    let list = await items();
    assert.equal(list.length, 4);
    assert.deepEqual(list.map(([done]) => done), [false, false, true, false]);
    assert.match(list[0][1], /还没有县名/);
    assert.match(list[1][1], /还缺：规上产值/);
    assert.match(list[3][1], /还没有企业/);
    await typeInto(page, '#county-field', '东山县');
    await page.waitForFunction(() => document.querySelector('#checklist li').classList.contains('done'));
    list = await items();
    assert.match(list[0][1], /东山县，2022 年/);
    assert.equal(await text(page, '.county'), '东山县');
    await screenshot(page, 'blank-checklist');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('the plan year is set in the page: a leap year gives Q1 91 days; working days count daily quotas', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'plan-year', async () => {
    // 2022: Q1 72.60亿 over 90 days = 8,066.67万元 a day.
    assert.equal(await text(page, '#overview-daily-output'), '8,066.67万元');
    await typeInto(page, '#scenario-name-field', '东山县 2024 基准');
    await typeInto(page, '#plan-year', '2024');
    // 72.60亿 over 91 days = 7,978.02万元.
    await waitText(page, '#overview-daily-output', '7,978.02万元');
    assert.equal(await text(page, '#base-year'), '2023');
    assert.match(await text(page, '#calendar-days'), /91、91、92、92/);
    // A year out of range is refused beside the field; the figures stay.
    await typeInto(page, '#plan-year', '3000');
    await page.waitForFunction(() => document.querySelector('#plan-year-error').textContent !== '');
    assert.match(await text(page, '#plan-year-error'), /2000 到 2100/);
    assert.equal(await text(page, '#overview-daily-output'), '7,978.02万元');
    await typeInto(page, '#plan-year', '2024');
    await page.waitForFunction(() => document.querySelector('#plan-year-error').textContent === '');
    // Working days: Monday to Friday of 2024 to start with (Q1 65), then the office's own 60.
    await page.selectOption('#day-count', 'working');
    await page.waitForSelector('#days-q1');
    assert.equal(await page.inputValue('#days-q1'), '65');
    await typeInto(page, '#days-q1', '60');
    // 72.60亿 over 60 days = 12,100.00万元.
    await waitText(page, '#overview-daily-output', '12,100.00万元');
    // The printed brief says what it is.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(() => document.querySelector('#brief-head .brief-title'));
    assert.ok(await page.locator('#brief-head').isVisible());
    const head = await text(page, '#brief-head');
    for (const want of ['示例县', '东山县 2024 基准', '2024 年计划', '打印于 20', '规上产值增长 10.00%', '一季度占全年 22%', 'GDP 增长 7%']) {
      assert.ok(head.includes(want), `"${want}" in "${head}"`);
    }
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('#brief-head').isVisible(), false);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a growth is typed as the speech says it: 1.5倍, 是上年的2.5倍, 下降5%, and said back', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'growth-words', async () => {
    // Gross output: last year 300亿.
    await typeInto(page, '#growth-output', '1.5倍');
    await waitText(page, '#overview-target-output', '750.00亿元');
    assert.equal(await text(page, '#growth-output-understood'), '即增长 150%，是上年的 2.5 倍');
    await typeInto(page, '#growth-output', '是上年的2倍');
    await waitText(page, '#overview-target-output', '600.00亿元');
    await typeInto(page, '#growth-output', '下降5%');
    await waitText(page, '#overview-target-output', '285.00亿元');
    assert.equal(await text(page, '#growth-output-understood'), '即下降 5%，是上年的 0.95 倍');
    // Left, the field shows the growth as a percentage, still said back in words (a line that
    // vanished on leaving moved the page under the pointer)…
    await page.locator('h1').click();
    assert.equal(await page.inputValue('#growth-output'), '-5');
    assert.equal(await text(page, '#growth-output-understood'), '即下降 5%，是上年的 0.95 倍');
    // …until the growth changes by another way.
    await typeInto(page, '#target-output', '330');
    await waitText(page, '#overview-target-output', '330.00亿元');
    assert.equal(await text(page, '#growth-output-understood'), '');
    // Pasted (one input event): typed key by key, 下降2 on the way is a valid −2%.
    await page.fill('#growth-output', '下降2倍');
    await page.waitForFunction(() => document.querySelector('#growth-output-error').textContent !== '');
    assert.match(await text(page, '#growth-output-error'), /下降不能以“倍”计/);
    assert.equal(await text(page, '#overview-target-output'), '330.00亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('an incomplete list of enterprises is said, by how much, and the difference can be added as 其他企业', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'coverage', async () => {
    const county = await text(page, '#quota-0');
    assert.equal(await page.locator('#coverage-note').count(), 0, 'the example lists its whole county');
    // Remove the first enterprise (base 38.6亿 of gross output).
    await page.click('tr[data-node="2"] .node-name');
    await page.click('#node-remove');
    await page.waitForSelector('#coverage-note');
    assert.match(await text(page, '#coverage-note'), /所列企业上年基数合计 261\.4 亿元，比全县上年实际 300 亿元少 38\.6 亿元/);
    await page.click('#add-others');
    await page.waitForSelector('#coverage-note', { state: 'detached' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '其他企业'),
    );
    // The county's quota is the target, whatever the list: unchanged.
    assert.equal(await text(page, '#quota-0'), county);
    // One undo step takes it back.
    await page.click('#undo');
    await page.waitForSelector('#coverage-note');
    assert.deepEqual(problems, []);
  });
  await context.close();
});
