// The page's layout, measured: the printed brief keeps every column of every table on A4 in
// both languages, and on the screens the app is used on (a 1024-pixel office monitor to a
// 1920-pixel projector) an explained number's explanation is in view and no table heading is
// cut off by its card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, fresh, waitText, withScreenshotOnFailure, screenshot, scaleStored, ARTIFACTS } from './harness.mjs';

const env = suite(before, after);

const LANGS = ['zh', 'en'];

/** A fresh page in the language asked for. */
async function openIn(lang, viewport) {
  const opened = await fresh(env, { viewport });
  if (lang === 'en') {
    await opened.page.click('#lang-toggle');
    await waitText(opened.page, 'h1', 'Quota Planner');
  }
  return opened;
}

/**
 * The example fifteen times larger (a county of 4,950亿元: amounts of eight digits and more)
 * with 120 more enterprises (a windowed tree on screen, pages of it on paper), reloaded.
 */
async function largeCounty(page) {
  await scaleStored(page, 15, (s) => {
    const industries = s.tree.industries;
    for (let e = 0; e < 120; e++) {
      industries[e % industries.length].enterprises.push({
        id: 10000 + e,
        name: `大型企业${e}`,
        // The bases of the enterprises added, fifteen times over like the rest.
        base: Object.fromEntries(
          Object.entries({ output: 0.1 + (e % 17) / 10, value_added: 0.05, revenue: 0.1, profit: 0.01, tax: 0.01 })
            .map(([k, v]) => [k, String(v * 15)]),
        ),
        projects: [],
      });
    }
    // An enterprise's commitment short of its quota: the gap column has figures.
    industries[1].enterprises[0].commitment = { output: 1 };
  });
  await page.waitForSelector('.tree-wrap.windowed');
}


/**
 * The printed page as the stylesheet sets it (its @page rule): A4, portrait or landscape, and
 * the width and height of what its margins leave, in CSS pixels (96 to the inch).
 */
function printedPage() {
  const rules = (list) => [...list].flatMap((r) => (r.cssRules ? [r, ...rules(r.cssRules)] : [r]));
  const page = [...document.styleSheets].flatMap((s) => rules(s.cssRules)).find((r) => r instanceof CSSPageRule);
  const size = page.style.getPropertyValue('size').trim().toLowerCase();
  const landscape = /landscape/.test(size);
  if (!/a4/.test(size)) throw new Error(`@page size is "${size}", not A4`);
  const mm = (v) => {
    const m = /^([\d.]+)(mm|cm|in|pt|px)$/.exec(v.trim());
    if (!m) throw new Error(`@page margin "${v}"`);
    return Number(m[1]) * { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 }[m[2]];
  };
  const margin = (side) => mm(page.style.getPropertyValue(`margin-${side}`));
  const [w, h] = landscape ? [297, 210] : [210, 297];
  const px = (x) => (x / 25.4) * 96;
  return {
    landscape,
    width: px(w - margin('left') - margin('right')),
    height: px(h - margin('top') - margin('bottom')),
  };
}

// ---------------------------------------------------------------------------------------
// Measurements, run in the page.

/** Every table drawn, as { id, headings: th texts } (their text, not as laid out). */
function tablesDrawn() {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  return [...document.querySelectorAll('table')]
    .filter((t) => t.checkVisibility())
    .map((t) => ({
      id: t.id || t.closest('[id]').id,
      headings: [...t.querySelectorAll('th')].filter((th) => th.checkVisibility()).map((th) => norm(th.textContent)),
    }));
}

/**
 * For every drawn table, its cells that are not wholly inside every box that clips them
 * (an ancestor whose overflow is not visible, or with paint containment), nor inside
 * `[0, pageWidth]` when a page width is given; and headings whose text is cut by their own
 * overflow. On screen (`scrolling` true) a box that scrolls sideways is no cut: what it
 * hides is reached by scrolling it. Only a card (or anything else) that does not scroll
 * must hold its cells whole.
 */
function cutCells({ pageWidth, scrolling, cells }) {
  const out = [];
  const text = (el) => el.textContent.replace(/\s+/g, ' ').trim();
  const clips = (el) => {
    const cs = getComputedStyle(el);
    return cs.overflowX !== 'visible' || /paint|strict|content/.test(cs.contain);
  };
  const scrollsSideways = (el) => {
    const cs = getComputedStyle(el);
    return /auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth;
  };
  for (const table of document.querySelectorAll('table')) {
    if (!table.checkVisibility()) continue;
    const name = table.id || table.closest('[id]').id;
    for (const cell of table.querySelectorAll(cells)) {
      if (!cell.checkVisibility()) continue;
      let r = cell.getBoundingClientRect();
      if (r.width === 0) continue;
      const what = `${name}: "${text(cell)}"`;
      if (pageWidth !== undefined && (r.left < -0.5 || r.right > pageWidth + 0.5)) {
        out.push(`${what} at ${Math.round(r.left)}–${Math.round(r.right)} px, outside the page's ${Math.round(pageWidth)} px`);
      }
      for (let a = cell.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        if (!clips(a)) continue;
        const b = a.getBoundingClientRect();
        // The padding box: what the clip leaves.
        const left = b.left + a.clientLeft;
        const right = left + a.clientWidth;
        if (scrolling && scrollsSideways(a)) {
          // Reached by scrolling this box; further out, what counts is the box itself.
          r = { left: Math.max(r.left, left), right: Math.min(r.right, right) };
          continue;
        }
        if (r.left >= left - 0.5 && r.right <= right + 0.5) continue;
        const box = `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}.${[...a.classList].join('.')}`;
        out.push(`${what} at ${Math.round(r.left)}–${Math.round(r.right)} px, cut by ${box} (${Math.round(left)}–${Math.round(right)} px)`);
      }
      if (cell.tagName === 'TH' && getComputedStyle(cell).overflowX !== 'visible' && cell.scrollWidth > cell.clientWidth) {
        out.push(`${what}: its text is cut (${cell.scrollWidth} px in ${cell.clientWidth})`);
      }
    }
  }
  return out;
}

/**
 * The overview's numbered lines: how many, how they are numbered, and the numbers whose
 * marker ("10. ") is cut by a box that clips it or by the page's left edge.
 */
function overviewNumbers() {
  const ol = document.querySelector('#overview ol.speech');
  const items = [...ol.children].filter((li) => li.tagName === 'LI' && li.checkVisibility());
  const cut = [];
  items.forEach((li, i) => {
    const n = i + 1;
    // The marker is drawn just before the line's start, as wide as its text.
    const probe = document.createElement('span');
    probe.textContent = `${n}. `;
    probe.style.whiteSpace = 'pre';
    probe.style.font = getComputedStyle(li).font;
    probe.style.position = 'absolute';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    const left = li.getBoundingClientRect().left - width;
    if (left < -0.5) cut.push(`${n}. at ${left.toFixed(1)} px, left of the page`);
    for (let a = li.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && !/paint|strict|content/.test(cs.contain)) continue;
      const edge = a.getBoundingClientRect().left + a.clientLeft;
      if (left < edge - 0.5) cut.push(`${n}. at ${left.toFixed(1)} px, cut by ${a.id || a.className} at ${edge.toFixed(1)} px`);
    }
  });
  return {
    count: items.length,
    // Numbered 1, 2, 3…: decimal, from 1, no item given its own number.
    style: getComputedStyle(ol).listStyleType,
    position: getComputedStyle(ol).listStylePosition,
    start: ol.start,
    reversed: ol.reversed,
    ownNumbers: items.filter((li) => li.hasAttribute('value')).length,
    cut,
  };
}

/**
 * What shows a number as the one last clicked: a selected number or row that looks unlike
 * its neighbours (compared with the class taken off), a number with a background (hover,
 * selection), a focus ring.
 */
function highlights() {
  const out = [];
  const look = (el) =>
    [el, ...el.querySelectorAll('*')]
      .map((e) => {
        const cs = getComputedStyle(e);
        return [cs.backgroundColor, cs.color, cs.outlineStyle, cs.boxShadow, cs.fontWeight].join(' ');
      })
      .join(';');
  for (const el of document.querySelectorAll('.selected, .active')) {
    if (!el.checkVisibility()) continue;
    const cls = el.classList.contains('selected') ? 'selected' : 'active';
    const was = look(el);
    el.classList.remove(cls);
    const plain = look(el);
    el.classList.add(cls);
    if (was !== plain) out.push(`${el.tagName.toLowerCase()}#${el.id}.${cls} looks highlighted`);
  }
  for (const b of document.querySelectorAll('button.num')) {
    if (!b.checkVisibility()) continue;
    const bg = getComputedStyle(b).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)') out.push(`button.num#${b.id} "${b.textContent}" has background ${bg}`);
  }
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused.checkVisibility()) {
    const cs = getComputedStyle(focused);
    if (cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px') {
      out.push(`the focused ${focused.tagName.toLowerCase()}#${focused.id} has an outline`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Point 2: the printed brief.

const CASES = LANGS.flatMap((lang) => [
  { lang, large: false, name: `${lang}` },
  { lang, large: true, name: `${lang}-large` },
]);

for (const { lang, large, name } of CASES) {
  const county = large ? 'a large county (eight-digit amounts, 155 rows)' : 'the example';
  test(`the printed brief (${lang}, ${county}) keeps every column of every table on A4, numbers its overview, highlights nothing`, async (t) => {
    const { context, page, problems } = await openIn(lang, { width: 1366, height: 768 });
    await withScreenshotOnFailure(page, `print-layout-${name}`, async () => {
      if (large) await largeCounty(page);
      // What a planner did before printing: clicked a number, chose an enterprise's row,
      // went through the numbers with the keyboard.
      await page.click('#overview-q1-output');
      await page.click('tr[data-node="3"] .node-name');
      await page.waitForSelector('tr[data-node="3"].selected');
      await page.focus('#daily-node-2');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#daily-node-2.selected');
      const onScreen = await page.evaluate(tablesDrawn);

      // The browser announces the print (every row of the tree is drawn), then lays out the
      // page for paper: as wide as the page's printed area.
      const paper = await page.evaluate(printedPage);
      await page.setViewportSize({ width: Math.floor(paper.width), height: Math.floor(paper.height) });
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      await page.waitForFunction(() => !document.querySelector('.tree-wrap.windowed'));

      const printed = await page.evaluate(tablesDrawn);
      const briefTables = ['targets', 'quarters', 'tree-table'];
      assert.deepEqual(printed.map((t) => t.id), briefTables, 'the tables of the brief');
      for (const t of printed) {
        const screen = onScreen.find((s) => s.id === t.id);
        assert.deepEqual(t.headings, screen.headings, `${t.id}: the printed headings are those on screen`);
      }
      const cut = await page.evaluate(cutCells, { pageWidth: paper.width, scrolling: false, cells: 'th, td' });
      assert.deepEqual(cut, [], 'cells cut off on paper');

      const numbers = await page.evaluate(overviewNumbers);
      assert.ok(numbers.count >= 10, `${numbers.count} lines: the test needs two-digit numbers`);
      assert.deepEqual(
        { style: numbers.style, start: numbers.start, reversed: numbers.reversed, ownNumbers: numbers.ownNumbers },
        { style: 'decimal', start: 1, reversed: false, ownNumbers: 0 },
        'the overview is numbered 1, 2, 3…',
      );
      assert.deepEqual(numbers.cut, [], 'overview numbers cut off');

      assert.deepEqual(await page.evaluate(highlights), [], 'interactive highlights on paper');
      await screenshot(page, `print-layout-${name}`);

      // The PDF Chromium prints: A4 as the stylesheet says, every heading of the brief in its text.
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      await mkdir(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, `brief-${name}.pdf`);
      await writeFile(file, pdf);
      const raw = pdf.toString('latin1');
      assert.ok(raw.startsWith('%PDF-'), 'a PDF');
      const boxes = [...raw.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      assert.ok(boxes.length >= 2, `${boxes.length} pages`);
      // A4: 210 × 297 mm, in points.
      const [a4w, a4h] = paper.landscape ? [841.89, 595.28] : [595.28, 841.89];
      for (const [w, h] of boxes) {
        assert.ok(Math.abs(w - a4w) < 1 && Math.abs(h - a4h) < 1, `a page of ${w} × ${h} pt`);
      }
      // pdftotext: Debian's poppler-utils, installed by scripts/setup.sh.
      const pdftotext = 'pdftotext';
      {
        const squeeze = (s) => s.replace(/\s+/g, '');
        const text = squeeze(execFileSync(pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }));
        for (const t of printed) {
          for (const h of t.headings) assert.ok(text.includes(squeeze(h)), `${t.id}: "${h}" is in the PDF`);
        }
        // The tree's headings are repeated on every page its rows reach.
        const pages = execFileSync(pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }).split('\f').map(squeeze);
        const gapHeading = squeeze(printed.find((t) => t.id === 'tree-table').headings.at(-1));
        const enterprise = squeeze(await page.locator('tr[data-node="2"] .node-name').innerText());
        const last = squeeze(await page.locator('#tree-table tbody tr:not(.spacer)').last().locator('td.name').innerText());
        const first = pages.findIndex((p) => p.includes(enterprise));
        const end = pages.findIndex((p) => p.includes(last));
        assert.ok(first >= 0 && end >= first, `the tree's rows on pages ${first + 1}–${end + 1}`);
        for (let p = first; p <= end; p++) assert.ok(pages[p].includes(gapHeading), `page ${p + 1} repeats the tree's headings`);
      }
      assert.deepEqual(problems, []);
    });
    await context.close();
  });
}

// ---------------------------------------------------------------------------------------
// Point 3: the screens.

const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Where the explanation is: its box, whether it meets the window, and what is drawn on top
 *  at the middle of its first formula (the panel itself, or something covering it). */
function explanationSeen() {
  const panel = document.querySelector('#explain-panel');
  const formula = panel.querySelector('.chain li:first-child .formula');
  const r = panel.getBoundingClientRect();
  const f = formula?.getBoundingClientRect();
  const inView = (b) => b && b.bottom > 0 && b.right > 0 && b.top < innerHeight && b.left < innerWidth;
  const x = f && Math.min(Math.max(f.left + 4, 0), innerWidth - 1);
  const y = f && Math.min(Math.max(f.top + f.height / 2, 0), innerHeight - 1);
  const top = f && document.elementFromPoint(x, y);
  return {
    panel: { top: Math.round(r.top), left: Math.round(r.left), bottom: Math.round(r.bottom), right: Math.round(r.right) },
    visible: panel.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
    formula: formula?.textContent ?? null,
    formulaInView: Boolean(inView(f) && f.top >= 0 && f.bottom <= innerHeight),
    onTop: Boolean(top && panel.contains(top)),
  };
}

/** Whether the explanation takes any of the window (false once closed or never opened). */
const explanationCovers = () => {
  const panel = document.querySelector('#explain-panel');
  if (!panel.checkVisibility()) return false;
  const r = panel.getBoundingClientRect();
  return r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth
    && getComputedStyle(panel).position === 'fixed';
};

/** The tables that do not fit their box: those scrolled sideways, with their widths. */
function scrolledSideways() {
  return [...document.querySelectorAll('table')]
    .filter((t) => t.checkVisibility())
    .map((t) => ({ t, wrap: t.closest('.table-wrap') }))
    .filter(({ wrap }) => wrap && wrap.scrollWidth > wrap.clientWidth)
    .map(({ t, wrap }) => `${t.id || t.closest('[id]').id}: ${wrap.scrollWidth} px in ${wrap.clientWidth}`);
}

for (const { lang, large, name } of CASES) {
  for (const size of SCREENS) {
    const county = large ? 'a large county' : 'the example';
    test(`at ${size.width}×${size.height} (${lang}, ${county}) a clicked number's explanation is in view and every table fits its card, headings whole`, async () => {
      const { context, page, problems } = await openIn(lang, size);
      await withScreenshotOnFailure(page, `screen-${size.width}-${name}`, async () => {
        if (large) await largeCounty(page);
        // The page is never wider than the window.
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(widths[0] <= widths[1], `the page is ${widths[0]} px wide in a ${widths[1]} px window`);
        // No heading is cut by a box that does not scroll, nor its text by its own column
        // (the windowed tree's fixed columns)…
        const cut = await page.evaluate(cutCells, { scrolling: true, cells: 'th, td.figure' });
        assert.deepEqual(cut, [], 'headings or figures cut off');
        // …and on these screens no table needs scrolling sideways to be read.
        assert.deepEqual(await page.evaluate(scrolledSideways), [], 'tables wider than their card');

        // A number at the top of the page, then one far down (the decomposition's).
        for (const figure of ['#overview-q1-output', '#daily-node-2']) {
          await page.click(figure);
          await page.waitForFunction(
            (id) => document.querySelector(id)?.classList.contains('selected') && document.querySelector('#explain-panel .formula'),
            figure,
          );
          const seen = await page.evaluate(explanationSeen);
          assert.ok(seen.visible && seen.formulaInView && seen.onTop, `${figure}: the explanation is not in view: ${JSON.stringify(seen)}`);
        }
        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, `screen-${size.width}-${name}.png`) });

        // An explanation laid over the page closes: by its button (in view), and by Escape.
        if (await page.evaluate(explanationCovers)) {
          const close = page.locator('#explain-panel button.close');
          const box = await close.boundingBox();
          assert.ok(box && box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width,
            `the close button is in view: ${JSON.stringify(box)}`);
          await close.click();
          assert.equal(await page.evaluate(explanationCovers), false, 'closed by its button');
          await page.click('#overview-q1-output');
          await page.waitForFunction(() => document.querySelector('#explain-panel .formula'));
          assert.equal(await page.evaluate(explanationCovers), true);
          await page.keyboard.press('Escape');
          const closed = await page
            .waitForFunction(() => !document.querySelector('#explain-panel .formula'), null, { timeout: 5000 })
            .then(() => true, () => false);
          assert.ok(closed && !(await page.evaluate(explanationCovers)), 'Escape closes the explanation');
        }
        assert.deepEqual(problems, []);
      });
      await context.close();
    });
  }
}
