// The trainer's stage (issue "the trainer's stage"): a full walk of the example with the
// keyboard in Chinese and in English, each step's number checked against the page; a what-if
// typed mid-walk; presentation mode at 1920×1080; an exercise hidden and revealed; goal seek on
// an enterprise's daily quota, kept and undone, and a goal no share can reach.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, fresh, text, waitText, typeInto, withScreenshotOnFailure, screenshot, ARTIFACTS } from './harness.mjs';

const env = suite(before, after);
// The number in a text ("= 1,037.91万元", "24.66%"), as shown: separators dropped.
const figure = (s) => (s.match(/-?[\d,]+(\.\d+)?/) || [''])[0].replace(/,/g, '');
const CJK = /[\u3400-\u9fff]/;

/** Open the stage's card (closed, nothing of it is worked out on an edit). */
async function openStage(page) {
  if (!(await page.locator('#stage-card').evaluate((d) => d.open))) await page.click('#stage-card > summary');
  await page.waitForSelector('#stage-start');
}

async function stepCount(page) {
  const t = await text(page, '#stage-count');
  const m = t.match(/(\d+)\D+(\d+)/);
  return [Number(m[1]), Number(m[2])];
}

/** Walk every step with the keys given, checking the stage's value against the page's. */
async function walk(page, keys) {
  const [first, n] = await stepCount(page);
  assert.equal(first, 1);
  assert.ok(n >= 8, `${n} steps`);
  const labels = [];
  let withOperands = 0;
  for (let i = 1; i <= n; i += 1) {
    await page.waitForFunction((want) => new RegExp(`^\\D*${want}\\D`).test(document.querySelector('#stage-count')?.textContent || ''), i);
    const value = figure(await text(page, '#stage-value'));
    // The step's own figure is marked on the page, and shows the same number.
    const onPage = await page.locator('.marked-result').first().textContent();
    assert.equal(figure(onPage), value, `step ${i}: page ${onPage} against stage ${value}`);
    // Its operands are marked too (time progress has none on the page: days).
    if (await page.locator('.marked:not(.marked-result)').count() >= 1) withOperands += 1;
    labels.push(await text(page, '#stage-label'));
    if (i < n) await page.keyboard.press(keys[i % keys.length]);
  }
  assert.ok(withOperands >= n - 1, `${withOperands} of ${n} steps mark their operands`);
  // At the end, → stays; ← goes back one; Esc leaves and unmarks the page.
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await stepCount(page), [n, n]);
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await stepCount(page), [n - 1, n]);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#stage', { state: 'detached' });
  assert.equal(await page.locator('.marked').count(), 0);
  return labels;
}

test('a full walk with the keyboard, in Chinese and in English, each step against the page', async () => {
  const { page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'stage-walk', async () => {
    await openStage(page);
    // The largest industry and its largest enterprise are followed by default.
    assert.equal(await page.locator('#stage-industry option:checked').textContent(), '能源化工');
    assert.equal(await page.locator('#stage-enterprise option:checked').textContent(), '示例县宏远煤化有限公司');
    await page.click('#stage-start');
    await page.waitForSelector('#stage');
    // Step 1: the target from last year and growth; both inputs are marked.
    assert.match(await text(page, '#stage-formula'), /上年实际 300\.00亿元 × \(1 \+ 增长率 10%\)/);
    assert.equal(await page.locator('.field.marked #base-output').count(), 1);
    assert.equal(await page.locator('.field.marked #growth-output').count(), 1);
    await page.locator('#stage').focus();
    const zh = await walk(page, ['ArrowRight', ' ', 'PageDown']);
    assert.ok(zh.some((l) => l.includes('日均')), zh.join(' / '));
    await screenshot(page, 'stage-walk-zh');

    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.click('#stage-start');
    await page.waitForSelector('#stage');
    assert.match(await text(page, '#stage-count'), /^Step 1 of \d+$/);
    // The stage's own words are English; only names the planner typed are not.
    const words = await page.locator('#stage .stage-top button, #stage-count, #stage-where').allTextContents();
    for (const w of words) assert.ok(!CJK.test(w.replace(/[^\x00-\x7f]*有限公司|能源化工|示例县\S*/g, '')), w);
    await page.locator('#stage').focus();
    const en = await walk(page, ['ArrowRight', ' ']);
    assert.equal(en.length, zh.length);
    assert.ok(en.some((l) => /daily/i.test(l)), en.join(' / '));
  });
  assert.deepEqual(problems, []);
});

test('what if: an input changed mid-walk updates the step at once; a bad value keeps it and says why', async () => {
  const { page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'stage-what-if', async () => {
    await openStage(page);
    await page.click('#stage-start');
    await page.waitForSelector('#stage-what-if');
    await waitText(page, '#stage-value', '= 330.00亿元');
    await typeInto(page, '#stage-what-if', '8');
    // 300 × 1.08 = 324.
    await waitText(page, '#stage-value', '= 324.00亿元');
    assert.match(await text(page, '#stage-formula'), /增长率 8%/);
    await typeInto(page, '#stage-what-if', '八');
    await page.waitForFunction(() => document.querySelector('#stage-what-if-error')?.textContent !== '');
    assert.equal(await text(page, '#stage-value'), '= 324.00亿元');
    assert.equal((await stepCount(page))[0], 1);
    // The step of the enterprise's Q1: its what-if is the Q1 share, Q4 taking the difference.
    await page.locator('#stage').focus();
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
    assert.match(await text(page, '#stage-label'), /宏远.*一季度/);
    const before = figure(await text(page, '#stage-value'));
    await typeInto(page, '#stage-what-if', '25');
    await page.waitForFunction((b) => !document.querySelector('#stage-value').textContent.includes(b), Number(before).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    assert.match(await text(page, '#stage-formula'), /25%/);
    assert.equal(await page.locator('#stage-problem').count(), 0);
  });
  assert.deepEqual(problems, []);
});

for (const lang of ['zh', 'en']) {
  test(`presentation mode at 1920×1080 (${lang}): large type over the page, which is as it was after`, async () => {
    const { page, problems } = await fresh(env, { viewport: { width: 1920, height: 1080 } });
    await withScreenshotOnFailure(page, `stage-present-${lang}`, async () => {
      await openStage(page);
      if (lang === 'en') {
        await page.click('#lang-toggle');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
      await page.locator('#stage-present').scrollIntoViewIfNeeded();
      // What the walk marks: the targets, the quarters and the decomposition.
      const state = () => page.evaluate(() => ({
        y: window.scrollY,
        // (Taking a screenshot leaves an empty style attribute on the inputs: not the page's.)
        html: ['#targets', '#quarters', '#decomposition'].map((s) => document.querySelector(s).outerHTML).join('').replace(/ style=""/g, ''),
      }));
      const before = await state();
      await page.click('#stage-present');
      await page.waitForSelector('#stage.presenting');
      const sizes = await page.evaluate(() => [...document.querySelectorAll('#stage-formula p')]
        .filter((p) => p.textContent.trim() !== '')
        .map((p) => parseFloat(getComputedStyle(p).fontSize)));
      for (const s of sizes) assert.ok(s >= 28, `formula text at ${s}px`);
      // The stage covers the page: the masthead and the tables are under it.
      const covered = await page.evaluate(() => [[960, 540], [100, 30], [1800, 1000]]
        .every(([x, y]) => document.getElementById('stage').contains(document.elementFromPoint(x, y))));
      assert.ok(covered);
      const style = await page.evaluate(() => {
        const s = getComputedStyle(document.getElementById('stage'));
        return [s.backgroundColor, s.color, getComputedStyle(document.querySelector('#stage-formula')).textAlign];
      });
      assert.deepEqual(style, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'center']);
      // What the projector shows: the window, not the page under it.
      await mkdir(ARTIFACTS, { recursive: true });
      const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `stage-present-${lang}-${name}.png`) });
      await shot('target');
      for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
      await shot('enterprise');
      await page.keyboard.press('End');
      await shot('daily');
      // Presenting did not scroll the page under it; leaving returns it as it was.
      await page.keyboard.press('Escape');
      await page.waitForSelector('#stage', { state: 'detached' });
      const after = await state();
      assert.equal(after.y, before.y);
      let at = 0;
      while (at < before.html.length && before.html[at] === after.html[at]) at += 1;
      assert.equal(after.html.slice(at - 120, at + 80), before.html.slice(at - 120, at + 80), 'the targets, quarters and decomposition are as they were');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'stage-present');
    });
    assert.deepEqual(problems, []);
  });
}

test('exercise: an enterprise Q1 and daily quota hidden everywhere, revealed with their formula', async () => {
  const { page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'stage-exercise', async () => {
    await openStage(page);
    const daily = await text(page, '#daily-node-2');
    const q1 = await text(page, '#q1-node-2');
    const labels = await page.locator('#exercise .exercise-item').allTextContents();
    const at = (re) => labels.findIndex((l) => re.test(l));
    await page.check(`#exercise-hide-${at(/宏远.*一季度.*任务$/)}`);
    await page.check(`#exercise-hide-${at(/宏远.*日均/)}`);
    await waitText(page, '#daily-node-2', '？');
    await waitText(page, '#q1-node-2', '？');
    // Asked why, the panel does not give the answer away until revealed.
    await page.click('#daily-node-2');
    await page.waitForSelector('#explain-hidden');
    assert.ok(!(await text(page, '#explain-panel')).includes(daily));
    await page.click('#explain-reveal');
    await page.waitForSelector('#explain-panel .chain');
    assert.ok((await text(page, '#explain-panel .chain')).includes(daily));
    assert.equal(await text(page, '#daily-node-2'), daily);
    // In the walk, the daily step does not give the hidden Q1 away as its operand …
    await page.click('#stage-start');
    await page.locator('#stage').focus();
    await page.keyboard.press('End');
    assert.match(await text(page, '#stage-formula'), /一季度任务 ？ ÷ 90 天/);
    // … and the Q1 step shows its operands and "？" until revealed.
    await page.keyboard.press('Home');
    while (!/一季度.*任务/.test(await text(page, '#stage-label')) || !(await text(page, '#stage-label')).includes('宏远')) {
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(await text(page, '#stage-value'), '= ？');
    assert.match(await text(page, '#stage-formula'), /424,600\.00万元 × 一季度占比 22%/);
    await screenshot(page, 'stage-exercise-hidden');
    await page.click('#stage-reveal');
    await waitText(page, '#stage-value', `= ${q1}万元`);
    assert.equal(await text(page, '#q1-node-2'), q1);
  });
  assert.deepEqual(problems, []);
});

test('goal seek on an enterprise daily quota: solved, kept as one undo step; an impossible goal says why', async () => {
  const { page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'goal-seek', async () => {
    const daily = await text(page, '#daily-node-2');
    await page.click('#daily-node-2');
    await page.waitForSelector('#goal-want');
    const levers = await page.locator('#goal-lever option').allTextContents();
    assert.ok(levers.some((l) => l.includes('增长率')), levers.join(' / '));
    assert.ok(levers.some((l) => l.includes('锁定')), levers.join(' / '));
    await page.fill('#goal-want', '1,100');
    await page.click('#goal-solve');
    await page.waitForSelector('#goal-line');
    assert.match(await text(page, '#goal-line'), /1,100\.00万元/);
    // What else moves: the county target among them; nothing changed yet.
    assert.ok(await page.locator('#goal-changes tbody tr').count() >= 2);
    assert.equal(await text(page, '#daily-node-2'), daily);
    await screenshot(page, 'goal-seek');
    await page.click('#goal-keep');
    await waitText(page, '#daily-node-2', '1,100.00');
    await page.click('#undo');
    await waitText(page, '#daily-node-2', daily);
    // Holding it instead: 1,100 × 90 ÷ 22% = 450,000万元.
    await page.click('#daily-node-2');
    await page.waitForSelector('#goal-lever');
    const hold = levers.findIndex((l) => l.includes('锁定'));
    await page.selectOption('#goal-lever', String(hold));
    await page.fill('#goal-want', '1100');
    await page.click('#goal-solve');
    await page.waitForSelector('#goal-line');
    assert.match(await text(page, '#goal-line'), /450000万元/);
    await page.click('#goal-discard');
    await page.waitForSelector('#goal-line', { state: 'detached' });
    // A county Q1 above the whole year: no Q1 share can give it.
    await page.click('#q1-output');
    await page.waitForSelector('#goal-want');
    await page.fill('#goal-want', '400');
    await page.click('#goal-solve');
    await page.waitForSelector('#goal-result.goal-impossible');
    assert.match(await text(page, '#goal-result'), /100%/);
    // A value that is not a number is said next to the field.
    await page.fill('#goal-want', '很多');
    await page.click('#goal-solve');
    await page.waitForFunction(() => document.querySelector('#goal-want-error').textContent !== '');
  });
  assert.deepEqual(problems, []);
});

test('a walk of a blank scenario (one industry, no enterprise) stops at the industry and says why', async () => {
  const { page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'stage-blank', async () => {
    await openStage(page);
    await page.click('#new-blank');
    await page.waitForSelector('#checklist');
    await page.click('#stage-start');
    await page.waitForSelector('#stage-note');
    assert.match(await text(page, '#stage-note'), /还没有企业/);
    await page.locator('#stage').focus();
    await page.keyboard.press('End');
    // The last step is the industry's quota: nothing below it to walk to.
    assert.match(await text(page, '#stage-label'), /行业一/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#stage', { state: 'detached' });
  });
  assert.deepEqual(problems, []);
});
