// The planner's screen, end to end: the release build in dist/, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suite, fresh, openPage, typeInto, text, waitText, withScreenshotOnFailure, screenshot, scaleStored } from './harness.mjs';

const env = suite(before, after);

const number = (s) => Number(s.replace(/[^\d.-]/g, ''));

/** Grow the saved example by `count` enterprises named `${prefix}${i}`, spread over its industries, and reload. */
async function growExample(page, count, prefix) {
  await page.evaluate(([count, prefix]) => {
    const key = `quota-planner/scenarios/${JSON.parse(localStorage.getItem('quota-planner/index')).current}`;
    const s = JSON.parse(localStorage.getItem(key));
    let id = 10000;
    const industries = s.tree.industries;
    for (let e = 0; e < count; e++) {
      industries[e % industries.length].enterprises.push({
        id: id++,
        name: `${prefix}${e}`,
        base: { output: 0.1 + (e % 17) / 10, value_added: 0.05, revenue: 0.1, profit: 0.01, tax: 0.01 },
        projects: [],
      });
    }
    localStorage.setItem(key, JSON.stringify(s));
  }, [count, prefix]);
  await page.reload();
}

test('first run opens the example without console errors or panics', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'first-run', async () => {
    assert.equal(await text(page, 'h1'), '目标分解沙盘');
    assert.equal(await text(page, '.county'), '示例县');
    // The worked example: 300 × 1.1 = 330, Q1 22% = 72.60.
    assert.equal(await text(page, '#overview-target-output'), '330.00亿元');
    assert.equal(await text(page, '#overview-q1-output'), '72.60亿元');
    assert.equal(await text(page, '#overview-daily-output'), '8,066.67万元');
    assert.ok((await page.locator('#tree-table tbody tr').count()) > 30);
    assert.match(await page.locator('#chart-quarters').innerHTML(), /<svg/);
    await screenshot(page, 'overview');
    await page.locator('#decomposition').screenshot({ path: `${process.env.QP_ARTIFACTS || 'test-results'}/tree.png` });
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('changing the annual target moves Q1, an enterprise quota and a chart; a reload keeps it', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'annual-target', async () => {
    const quotaBefore = await text(page, '#quota-2');
    const chartBefore = await page.locator('#chart-quarters').innerHTML();
    assert.equal(quotaBefore, '424,600.00'); // 38.6 × 1.1 = 42.46亿 = 424,600.00万元

    await typeInto(page, '#target-output', '400');
    await waitText(page, '#q1-output', '88.00亿元');
    assert.equal(await text(page, '#overview-q1-output'), '88.00亿元');
    // 400 × 38.6 / 300 = 51.4667亿
    assert.equal(await text(page, '#quota-2'), '514,666.67');
    // The growth field followed: 400 / 300 − 1 = 33.33%.
    assert.equal(await page.inputValue('#growth-output'), '33.3333');
    // Charts follow once typing pauses.
    await page.waitForFunction((before) => document.querySelector('#chart-quarters').innerHTML !== before, chartBefore);

    await page.reload();
    await page.waitForSelector('#overview-q1-output');
    assert.equal(await page.inputValue('#target-output'), '400');
    assert.equal(await text(page, '#overview-q1-output'), '88.00亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('typing a Q1 amount solves the Q1 share', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'q1-breakback', async () => {
    await typeInto(page, '#amount-q1', '99');
    // 99 / 330 = 30%
    await page.waitForFunction(() => document.querySelector('#share-q1').value === '30');
    assert.equal(await text(page, '#share-sum'), '108%');
    assert.ok(await page.locator('.share-sum.unbalanced').count());
    await page.click('#auto-balance');
    await waitText(page, '#share-sum', '100%');
    // Q4 took the remainder: 100 − 30 − 25 − 26 = 19.
    assert.equal(await page.inputValue('#share-q4'), '19');
  });
  await context.close();
});

test('holding an enterprise re-spreads its siblings and the sum stays intact', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'hold', async () => {
    const industryQuota = await text(page, '#quota-1');
    await page.click('tr[data-node="3"] .node-name');
    await page.waitForSelector('#node-editor');
    // The box takes the table's unit (万元); a typed 亿 says otherwise.
    await typeInto(page, '#node-held', '30亿');
    await waitText(page, '#quota-3', '300,000.00');
    assert.equal(await text(page, '#quota-1'), industryQuota);
    let sum = 0;
    for (const id of [2, 3, 4, 5, 6]) sum += Math.round(number(await text(page, `#quota-${id}`)) * 100);
    assert.equal(sum, Math.round(number(industryQuota) * 100));
    // 能源化工 115.28亿: the free 85.28 goes 38.6 : 15.8 : 9.7 : 18.3, so the first
    // gets 85.28 × 38.6 / 82.4 = 39.9491亿.
    assert.equal(await text(page, '#quota-2'), '399,491.26');
    assert.ok(await page.locator('tr[data-node="3"].held').count());
    await page.locator('#decomposition').screenshot({ path: `${process.env.QP_ARTIFACTS || 'test-results'}/tree-held.png` });
  });
  await context.close();
});

test('in English no interface text is left in Chinese, and the choice is remembered', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'english', async () => {
    await page.click('#lang-toggle');
    await waitText(page, 'h1', 'Quota Planner');
    const leftovers = await page.evaluate(() => {
      // Names typed by the planner (enterprises, people, parks) are data, not interface.
      const data = new Set(
        [...document.querySelectorAll('.user-text')].map((e) =>
          (e.tagName === 'INPUT' ? e.value : e.textContent).trim(),
        ),
      );
      const cjk = /[\u3400-\u9fff\uff01-\uff5e]/;
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n.textContent.trim();
        if (!t || !cjk.test(t) || data.has(t)) continue;
        // The switch back to Chinese is labelled in Chinese, as language switches are.
        if (n.parentElement.closest('.user-text, script, style, [lang="zh-CN"]')) continue;
        out.push(t);
      }
      for (const o of document.querySelectorAll('option:not(.user-text)')) {
        if (cjk.test(o.textContent)) out.push(o.textContent);
      }
      return out;
    });
    assert.deepEqual(leftovers, []);
    await screenshot(page, 'overview-en');
    await page.reload();
    await waitText(page, 'h1', 'Quota Planner');
  });
  await context.close();
});

test('an explanation opens with its formula and walks up to the county target', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'explain', async () => {
    await page.click('#overview-q1-output');
    await page.waitForSelector('#explain-panel .formula');
    assert.equal(
      await text(page, '#explain-panel .chain li:first-child .formula'),
      '一季度规上产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元',
    );
    // Keyboard: focus an enterprise's daily quota and press Enter.
    await page.focus('#daily-node-2');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('#explain-panel .chain li:first-child .formula')?.textContent.startsWith('日均任务 ='),
    );
    const steps = await page.locator('#explain-panel .chain li').count();
    assert.ok(steps >= 5, `${steps} steps`);
    assert.match(await text(page, '#explain-panel .chain li:last-child .formula'), /330\.00亿元/);
    await screenshot(page, 'explain');
  });
  await context.close();
});

test('bad input shows a message beside the field and the plan keeps the last good value', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'bad-input', async () => {
    await typeInto(page, '#target-output', '１,２００亿');
    await waitText(page, '#overview-q1-output', '264.00亿元');
    await typeInto(page, '#target-output', '400x');
    await page.waitForFunction(() => document.querySelector('#target-output-error').textContent !== '');
    assert.match(await text(page, '#target-output-error'), /无法识别的字符“x”/);
    // The last good value is the 400 typed before the x: 400 × 22% = 88.
    assert.equal(await text(page, '#overview-q1-output'), '88.00亿元');
    assert.equal(await page.inputValue('#target-output'), '400x');
    // The engine's own messages point at their field…
    await typeInto(page, '#base-output', '-5');
    await page.waitForFunction(() => document.querySelector('#base-output-error').textContent !== '');
    assert.match(await text(page, '#base-output-error'), /不能为负数/);
    assert.equal(await text(page, '#overview-q1-output'), '88.00亿元');
    await typeInto(page, '#base-output', '300');
    await page.waitForFunction(() => document.querySelector('#base-output-error').textContent === '');
    // …and a sum that is not 100% is shown at the sum, in red, and listed on top.
    await typeInto(page, '#share-q2', '40');
    await waitText(page, '#share-sum', '115%');
    assert.ok(await page.locator('.share-sum.unbalanced').count());
    assert.match(await text(page, '.problems .problem.error'), /合计 115%/);
  });
  await context.close();
});

test('the print view is a brief without buttons', async () => {
  const { context, page } = await fresh(env, { viewport: { width: 1200, height: 900 } });
  await withScreenshotOnFailure(page, 'print', async () => {
    await page.emulateMedia({ media: 'print' });
    const visibleButtons = await page.evaluate(
      () =>
        [...document.querySelectorAll('button:not(.num):not(.node-name)')].filter(
          (b) => b.offsetParent !== null,
        ).length,
    );
    assert.equal(visibleButtons, 0);
    assert.ok(await page.locator('#charts svg').first().isVisible());
    await screenshot(page, 'print');
  });
  await context.close();
});

test('a tree of thousands of enterprises stays fluid: only the rows in view are drawn', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'large-tree', async () => {
    await growExample(page, 3000, '生成企业');
    await page.waitForSelector('.tree-wrap.windowed');
    const drawn = await page.locator('#tree-table tbody tr:not(.spacer)').count();
    assert.ok(drawn > 20 && drawn < 200, `${drawn} rows drawn`);
    assert.match(await text(page, '.row-count'), /共 30\d\d 行/);
    // Scrolling draws the rows now in view.
    await page.locator('.tree-wrap').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tree-table .node-name')].some((b) => /生成企业1[0-9]{3}/.test(b.textContent)),
    );
    // Filtering narrows to the match and its industry.
    await page.fill('#tree-filter', '生成企业2999');
    await page.waitForFunction(() => document.querySelectorAll('#tree-table tbody tr:not(.spacer)').length === 3);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('the windowed table shows a large county\'s figures whole, on a laptop screen', async () => {
  const { context, page, problems } = await fresh(env, { viewport: { width: 1280, height: 800 } });
  await withScreenshotOnFailure(page, 'wide-figures', async () => {
    await growExample(page, 120, '大企业');
    // The example fifteen times larger (a county of 4,950亿元), an industry with a single
    // enterprise (a share of 100.00%), a commitment that leaves a gap of nearly a whole industry.
    await scaleStored(page, 15, (s) => {
      s.tree.industries[0].enterprises.length = 1;
      s.tree.industries[1].enterprises[0].commitment = { output: 1 };
    });
    await page.waitForSelector('.tree-wrap.windowed');
    const drawn = await page.evaluate(() => {
      const figures = [...document.querySelectorAll('#tree-table td.figure')];
      const wrap = document.querySelector('.tree-wrap');
      return {
        cut: figures.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent),
        rows: [...document.querySelectorAll('#tree-table tbody tr:not(.spacer)')].map((tr) =>
          [...tr.querySelectorAll('td.figure')].map((td) => td.textContent),
        ),
        sideways: wrap.scrollWidth > wrap.clientWidth,
      };
    });
    // What the test is about is on screen: the county's base, quota and Q1 in eight digits
    // and more, a share of 100.00%, an industry's gap.
    const eightDigits = /^\d{2},\d{3},\d{3}\.\d{2}$/;
    const [base, quota, , , q1] = drawn.rows[0];
    assert.ok([base, quota, q1].every((t) => eightDigits.test(t)), drawn.rows[0].join(' '));
    assert.ok(drawn.rows.some((r) => r[2] === '100.00%'), drawn.rows.slice(0, 6).map((r) => r.join(' ')).join('\n'));
    assert.ok(drawn.rows.some((r) => /^\d[\d,]*\.\d{2}$/.test(r[6])), 'an industry with a gap');
    assert.deepEqual(drawn.cut, [], 'figures cut off by their column');
    assert.equal(drawn.sideways, false, 'a 1280-pixel window needs no sideways scrolling');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a tree of a hundred enterprises scrolls in view, and prints whole', async () => {
  const { context, page, problems } = await fresh(env, { viewport: { width: 1200, height: 900 } });
  await withScreenshotOnFailure(page, 'print-tree', async () => {
    await growExample(page, 120, '打印企业');
    await page.waitForSelector('.tree-wrap.windowed');
    const rows = () => page.locator('#tree-table tbody tr:not(.spacer)').count();
    const total = Number((await text(page, '.row-count')).match(/共 (\d+) 行/)[1]);
    assert.ok(total > 120, `${total} rows`);
    const onScreen = await rows();
    assert.ok(onScreen < total, `${onScreen} of ${total} rows drawn on screen`);
    // The browser announces printing: every row is drawn, in the page's flow.
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction((n) => document.querySelectorAll('#tree-table tbody tr:not(.spacer)').length === n, total);
    assert.equal(await page.locator('.tree-wrap.windowed').count(), 0);
    assert.ok(await page.locator('#tree-table .node-name', { hasText: '打印企业119' }).count());
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await page.waitForSelector('.tree-wrap.windowed');
    assert.equal(await rows(), onScreen);
    // The brief's button draws every row before it asks the browser to print (a print started
    // from a handler is laid out at once, before the page could react to beforeprint).
    await page.evaluate(() => {
      window.print = () => {
        window.__printed = {
          rows: document.querySelectorAll('#tree-table tbody tr:not(.spacer)').length,
          windowed: Boolean(document.querySelector('.tree-wrap.windowed')),
        };
      };
    });
    await page.click('#print');
    await page.waitForFunction(() => window.__printed !== undefined);
    assert.deepEqual(await page.evaluate(() => window.__printed), { rows: total, windowed: false });
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('the tree can be edited: add, rename, give a base, move, remove', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'edit-tree', async () => {
    const rowsBefore = await page.locator('#tree-table tbody tr').count();
    await page.click('tr[data-node="1"] .node-name');
    await page.click('#node-add-child');
    await typeInto(page, '#node-name', '示例县新材料有限公司');
    await typeInto(page, '#node-base', '10');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '示例县新材料有限公司'),
    );
    assert.equal(await page.locator('#tree-table tbody tr').count(), rowsBefore + 1);
    // The county still adds up: the industries' quotas sum to 3,300,000.00万元.
    let sum = 0;
    for (const id of [1, 7, 14, 20, 25, 29, 33]) sum += Math.round(number(await text(page, `#quota-${id}`)) * 100);
    assert.equal(sum, 330000000);
    // Move it to 装备制造 (id 7), then remove it.
    const newId = await page.locator('tr.selected').getAttribute('data-node');
    await page.selectOption('#node-industry', '7');
    await page.waitForFunction(
      (id) => document.querySelector(`tr[data-node="${id}"]`)?.previousElementSibling?.textContent.includes('示例县新锐电子有限公司'),
      newId,
    );
    await page.click('#node-remove');
    await page.waitForFunction(() => !document.querySelector('#node-editor'));
    assert.equal(await page.locator('#tree-table tbody tr').count(), rowsBefore);
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a name filter follows a rename', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'filter-rename', async () => {
    const names = () => page.evaluate(() => [...document.querySelectorAll('#tree-table .node-name')].map((b) => b.textContent));
    await page.fill('#tree-filter', '电子有限公司');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '示例县新锐电子有限公司'),
    );
    await page.click('#tree-table .node-name:text-is("示例县新锐电子有限公司")');
    // The renamed enterprise no longer matches, so it leaves the filtered rows.
    await typeInto(page, '#node-name', '示例县新锐光学有限公司');
    await page.waitForFunction(() =>
      ![...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent.includes('新锐')),
    );
    assert.ok(!(await names()).some((n) => n.includes('新锐')));
    // Renamed back, it matches again.
    await typeInto(page, '#node-name', '示例县新锐电子有限公司');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tree-table .node-name')].some((b) => b.textContent === '示例县新锐电子有限公司'),
    );
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('GDP, five-year and project inputs drive the overview', async () => {
  const { context, page } = await fresh(env);
  await withScreenshotOnFailure(page, 'settings', async () => {
    // 165 / (420 × 1.07) = 36.72%; with GDP growth 10%: 165 / 462 = 35.71%.
    assert.equal(await text(page, '#overview-gdp-share'), '36.72%');
    await typeInto(page, '#gdp-growth', '10');
    await waitText(page, '#overview-gdp-share', '35.71%');
    // 是2020年的3倍 over five years: 3^(1/5) − 1 = 24.57%.
    await typeInto(page, '#five-multiple', '3');
    await waitText(page, '#overview-cagr', '24.57%');
    // ⌈10 × 75%⌉ = 8 projects to start.
    await typeInto(page, '#projects-start-rate', '75');
    await waitText(page, '#overview-projects-to-start', '8');
  });
  await context.close();
});

test('undo and redo, by button and by keyboard; the save status says saved', async () => {
  const { context, page, problems } = await fresh(env);
  await withScreenshotOnFailure(page, 'undo', async () => {
    assert.match(await text(page, '#save-state'), /已保存/);
    assert.ok(await page.locator('#undo').isDisabled());
    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    // The keystrokes of one number are one step.
    await page.click('#undo');
    await waitText(page, '#overview-q1-output', '72.60亿元');
    assert.equal(await page.inputValue('#target-output'), '330');
    await page.click('#redo');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    // Keyboard, outside a text field.
    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await waitText(page, '#overview-q1-output', '72.60亿元');
    await page.keyboard.press('Control+y');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+z');
    await waitText(page, '#overview-q1-output', '72.60亿元');
    // The undone state is what is saved.
    await page.reload();
    await waitText(page, '#overview-q1-output', '72.60亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('a corrupt scenario of the first release is kept aside and a newer one is never overwritten', async () => {
  // The first release's single key (storage layout 1).
  const key = 'quota-planner/scenario/v1';
  for (const [stored, check] of [
    [
      '{not json',
      async (page) => {
        assert.match(await text(page, '.storage-note'), /无法读取/);
        assert.equal(
          await page.evaluate(() => localStorage.getItem('quota-planner/backup/scenario/v1')),
          '{not json',
        );
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
        // The backup can be downloaded from the note.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('.download-backup')]);
        const { readFile } = await import('node:fs/promises');
        assert.equal(await readFile(await download.path(), 'utf8'), '{not json');
      },
    ],
    [
      '{"schema_version": 9, "kept": true}',
      async (page) => {
        assert.match(await text(page, '.storage-note'), /更新版本/);
        // The app works on its own list; the newer entry is left as it was.
        await typeInto(page, '#target-output', '400');
        await waitText(page, '#overview-q1-output', '88.00亿元');
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), '{"schema_version": 9, "kept": true}');
      },
    ],
  ]) {
    const context = await env.browser.newContext({ acceptDownloads: true });
    await context.addInitScript(
      ([k, v]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(k, v);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [key, stored],
    );
    const { page, problems } = await openPage(context, env.server.url);
    await withScreenshotOnFailure(page, 'storage-faults', async () => {
      await page.waitForSelector('#overview-q1-output');
      // The app starts anyway, on the example.
      assert.equal(await text(page, '#overview-q1-output'), '72.60亿元');
      await check(page);
      assert.deepEqual(problems, []);
    });
    await context.close();
  }
});

test('export a scenario as JSON and import it back; a bad file changes nothing', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, problems } = await openPage(context, env.server.url);
  await withScreenshotOnFailure(page, 'export-import', async () => {
    await page.waitForSelector('#overview-q1-output');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const json = JSON.parse(await readFile(path, 'utf8'));
    assert.equal(json.schema_version, 2);
    assert.equal(json.county, '示例县');
    assert.match(download.suggestedFilename(), /\.json$/);

    await typeInto(page, '#target-output', '400');
    await waitText(page, '#overview-q1-output', '88.00亿元');
    await page.setInputFiles('#import-json', path);
    await waitText(page, '#overview-q1-output', '72.60亿元');
    assert.match(await text(page, '#file-message'), /已导入/);

    await typeInto(page, '#target-output', '500');
    await waitText(page, '#overview-q1-output', '110.00亿元');
    await page.setInputFiles('#import-json', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema_version": 2, "name": 5}') });
    await page.waitForFunction(() => document.querySelector('#file-message')?.textContent.includes('未导入'));
    assert.match(await text(page, '#file-message'), /第 1 行/);
    assert.equal(await text(page, '#overview-q1-output'), '110.00亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});
