#!/usr/bin/env node
// Reading the office's workbook (issue "your own county"): an .xlsx of N enterprises with every
// indicator (built here with exceljs) opened in the release build in dist/, in Debian's headless
// Chromium. Measured in the page:
//   * open → preview: from the file input's `change` event to the first paint showing the
//     preview's summary (#paste-summary): reading the file, the workbook, the preview, drawing;
//   * apply → plan: from the click on 应用 to the first paint showing 已应用;
//   * the longest main-thread task of each (PerformanceObserver 'longtask'): the freeze a user
//     feels. The budget: no freeze over one second at 10,000 enterprises.
// Writes the table into docs/PERFORMANCE.md between <!-- workbook-bench:start --> and
// <!-- workbook-bench:end --> and prints it.
//
//   node bench/workbook.mjs            (QP_BENCH_WORKBOOK_SIZES=1000,10000 to choose; 3 runs each)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import ExcelJS from 'exceljs';
import { launch, serveStatic } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const DOC = join(ROOT, 'docs', 'PERFORMANCE.md');
const OUT = join(ROOT, 'target', 'bench-workbook');
const SIZES = (process.env.QP_BENCH_WORKBOOK_SIZES || '1000,10000').split(',').map(Number);
const RUNS = 3;
const BUDGET_MS = 1000;

async function workbook(n, path) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名单');
  sheet.addRow(['所属行业', '企业名称', '上年产值（万元）', '增加值（万元）', '主营业务收入（万元）', '利润（万元）', '税金（万元）', '责任人', '包抓单位']);
  for (let i = 0; i < n; i++) {
    const output = 1000 + ((i * 7919) % 90000);
    sheet.addRow([`行业${(i % 30) + 1}`, `企业${i + 1}`, output, output / 4, output * 0.95, output / 20, output / 30, `责任人${i % 97}`, `单位${i % 13}`]);
  }
  await book.xlsx.writeFile(path);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(browser, url, file) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const q = (window.__wb = { tasks: [] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) q.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    // The first paint after `done()` holds: the usual rAF + post-task technique.
    q.paintWhen = (done) => new Promise((resolve) => {
      const frame = () => requestAnimationFrame(() => {
        if (!done()) return frame();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      });
      frame();
    });
    addEventListener('change', (e) => { if (e.target?.id === 'import-list-file') q.opened = performance.now(); }, true);
  });
  await page.goto(url);
  await page.waitForSelector('#overview-q1-output');
  await page.click('#paste-open');
  const since = await page.evaluate(() => performance.now());
  const shown = page.evaluate(() => window.__wb.paintWhen(() => document.querySelector('#paste-summary')));
  await page.setInputFiles('#import-list-file', file);
  const previewEnd = await shown;
  const r = await page.evaluate(([since, end]) => {
    const q = window.__wb;
    const longest = Math.max(0, ...q.tasks.filter(([t]) => t >= since && t <= end).map(([, d]) => d));
    return { preview: end - q.opened, previewLongest: longest, summary: document.querySelector('#paste-summary').textContent };
  }, [since, previewEnd]);
  const t0 = await page.evaluate(() => performance.now());
  const applied = page.evaluate(() => window.__wb.paintWhen(() => document.querySelector('#paste-applied')));
  await page.click('#paste-apply');
  const end = await applied;
  Object.assign(r, await page.evaluate(([t0, end]) => {
    const q = window.__wb;
    return { apply: end - t0, applyLongest: Math.max(0, ...q.tasks.filter(([t]) => t >= t0 && t <= end).map(([, d]) => d)) };
  }, [t0, end]));
  await context.close();
  return r;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = await serveStatic([['/', DIST]]);
  const browser = await launch();
  const rows = [];
  try {
    for (const n of SIZES) {
      const file = join(OUT, `list-${n}.xlsx`);
      await workbook(n, file);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server.url, file));
      if (!runs.every((r) => r.summary.includes(`新增 ${n}`))) throw new Error(`${n}: ${runs[0].summary}`);
      const m = (k) => Math.round(median(runs.map((r) => r[k])));
      rows.push({ n, preview: m('preview'), previewLongest: m('previewLongest'), apply: m('apply'), applyLongest: m('applyLongest') });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const table = [
    `Workbook import, measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), headless Chromium, release build; median of ${RUNS} runs. "Longest task" is the longest main-thread task (the page's freeze); the budget is ${BUDGET_MS} ms at 10,000 enterprises.`,
    '',
    '| enterprises | open → preview painted | longest task | apply → painted | longest task | budget |',
    '|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${r.preview} ms | ${r.previewLongest} ms | ${r.apply} ms | ${r.applyLongest} ms | ${Math.max(r.previewLongest, r.applyLongest) <= BUDGET_MS ? 'met' : '**missed**'} |`),
  ].join('\n');
  console.log(table);
  const doc = await readFile(DOC, 'utf8');
  const START = '<!-- workbook-bench:start -->';
  const END = '<!-- workbook-bench:end -->';
  const section = `${START}\n${table}\n${END}`;
  const next = doc.includes(START)
    ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${doc.trimEnd()}\n\n## Opening the office's workbook\n\n${section}\n`;
  await writeFile(DOC, next);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
