// The question a planner brings to the meeting (issue "the trainer's stage", its "find the hard
// cases" part): which enterprises need more than X% growth, how many, and what they carry; the
// decomposition ordered by a figure, siblings largest first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suite, fresh, text, waitText, withScreenshotOnFailure, screenshot } from './harness.mjs';

const env = suite(before, after);
const number = (s) => Number(s.replace(/[,%万元]/g, ''));

test('需增长 > 15%: the enterprises above it, their count and totals; siblings ordered by required growth', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'hard-cases', async () => {
    // Under a proportional split every enterprise needs the county's 10%. Hold two of them at
    // 20% and 16% growth over their own bases (typed as growth), so that their siblings need less.
    for (const [id, growth] of [['3', '20%'], ['4', '16%']]) {
      await page.click(`tr[data-node="${id}"] .node-name`);
      await page.waitForSelector('#node-editor');
      await page.fill('#node-held', growth);
      await page.waitForFunction((g) => document.querySelector('#node-held-understood')?.textContent.startsWith(`即增长 ${g}`), growth);
      await page.locator('h1').click();
    }
    const names = async () => page.locator('#tree-table tbody tr:not(.spacer) .node-name').allTextContents();
    const all = await names();
    await page.fill('#growth-over', '15');
    await page.waitForSelector('#hard-cases');
    assert.match(await text(page, '#hard-cases'), /^2 家企业需增长超过 15%，全年任务合计 [\d,.]+万元（上年基数 [\d,.]+万元）$/);
    // Only the two, with their industry above them (and the county's row).
    const shown = await names();
    assert.equal(shown.length, 3, shown.join(' / '));
    assert.equal(await page.locator('#tree-table tbody tr.lvl-2').count(), 2);
    const growths = await page.locator('#tree-table tbody tr.lvl-2 [id^=growth-node-]').allTextContents();
    assert.deepEqual(growths.map(number), [20, 16]);
    // Their quotas add up to the total said.
    const quotas = await page.locator('#tree-table tbody tr.lvl-2 [id^=quota-]').allTextContents();
    const total = quotas.reduce((a, q) => a + Math.round(number(q) * 100), 0);
    const said = (await text(page, '#hard-cases')).match(/合计 ([\d,.]+)万元/)[1];
    assert.equal(total, Math.round(number(said) * 100));
    await screenshot(page, 'hard-cases');
    // 16: strictly above, so one; cleared, every row is back; a bad number is said.
    await page.fill('#growth-over', '16');
    await page.waitForFunction(() => /^1 家企业/.test(document.querySelector('#hard-cases')?.textContent || ''));
    await page.fill('#growth-over', 'abc');
    await page.waitForFunction(() => document.querySelector('#growth-over-error').textContent !== '');
    await page.fill('#growth-over', '');
    await page.waitForSelector('#hard-cases', { state: 'detached' });
    assert.deepEqual(await names(), all);
    // Ordered by required growth: within the first industry, the held one first, then the
    // next held one's sibling order follows their growth, highest first.
    await page.selectOption('#tree-sort', 'growth');
    await page.waitForFunction((first) => document.querySelectorAll('#tree-table tbody tr.lvl-2 .node-name')[0]?.textContent !== first, all[1]);
    const firstIndustry = await page.locator('#tree-table tbody tr').evaluateAll((rows) => {
      const out = [];
      let industries = 0;
      for (const r of rows) {
        if (r.classList.contains('lvl-1')) industries += 1;
        if (industries === 1 && r.classList.contains('lvl-2')) out.push(r.querySelector('[id^=growth-node-]')?.textContent);
      }
      return out;
    });
    const g = firstIndustry.map(number);
    assert.ok(g.length >= 2 && g.every((x, i) => i === 0 || g[i - 1] >= x), firstIndustry.join(' '));
    assert.equal(g[0], 20);
    assert.deepEqual(problems, []);
  });
  await context.close();
});
