#!/usr/bin/env node
// The screenshots of docs/USER_GUIDE.md's spreadsheet chapter, taken from the release build in
// dist/ (make dist first):  node scripts/guide-screenshots.mjs  → docs/img/*.png
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { serveDist, launch, openPage } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const IMG = join(ROOT, 'docs', 'img');

async function officeList(path) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('规上企业');
  sheet.addRow(['所属行业', '企业名称', '上年产值（万元）', '增加值（万元）', '主营业务收入（万元）', '利润（万元）', '税金（万元）', '责任人', '包抓单位']);
  const rows = [
    ['化工', '东山化工有限公司', 300000, 75000, 290000, 20000, 12000, '王建国', '县经信局'],
    ['化工', '东山化肥厂', 200000, 50000, 190000, 12000, 8000, '李明', '县经信局'],
    ['化工', '新材料科技', 100000, 25000, 95000, 6000, 4000, '赵敏', '县发改局'],
    ['纺织', '东山纺织集团', 250000, 62500, 235000, 14000, 10000, '陈亮', '县商务局'],
    ['纺织', '东山服装', 100000, 25000, 95000, 5000, 4000, '周红', '县商务局'],
    ['纺织', '东山印染', 50000, 12500, 45000, '三千', 2000, '吴刚', '县商务局'],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.addRow(['合计', '', 1000000, 250000, 950000, 57000, 40000, '', '']);
  await book.xlsx.writeFile(path);
}

const server = await serveDist();
const browser = await launch();
try {
  await mkdir(IMG, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
  const { page } = await openPage(context, server.url);
  await page.waitForSelector('#overview-q1-output');
  // The example's review of last year.
  await page.locator('#targets').screenshot({ path: join(IMG, 'targets-review.png') });
  // 1. A blank scenario: the checklist, county and year.
  await page.click('#new-blank');
  await page.waitForSelector('#checklist');
  await page.fill('#county-field', '东山县');
  await page.fill('#scenario-name-field', '东山县 2024 工业目标');
  await page.fill('#plan-year', '2024');
  await page.locator('h1').click();
  await page.waitForFunction(() => document.querySelector('#base-year')?.textContent === '2023');
  await page.locator('#scenario-settings').screenshot({ path: join(IMG, 'blank-settings.png') });
  // 2. Targets.
  const county = { output: ['100', '112'], value_added: ['25', '27.5'], revenue: ['95', '104'], profit: ['6', '7.2'], tax: ['4', '4.4'], investment: ['10', '12'] };
  for (const [k, [base, target]] of Object.entries(county)) {
    await page.fill(`#base-${k}`, base);
    await page.locator(`#base-${k}`).blur();
    await page.fill(`#target-${k}`, target);
    await page.locator(`#target-${k}`).blur();
  }
  // 3. The office's list, opened: the preview.
  const file = join(tmpdir(), '东山县规上企业.xlsx');
  await officeList(file);
  await page.click('#paste-open');
  await page.setInputFiles('#import-list-file', file);
  await page.waitForSelector('#paste-preview');
  await page.locator('details.paste').screenshot({ path: join(IMG, 'import-preview.png') });
  // 4. Applied: the decomposition.
  await page.click('#paste-apply');
  await page.waitForSelector('#paste-applied');
  await page.locator('#paste-open').click();
  await page.waitForTimeout(300);
  await page.locator('#decomposition').screenshot({ path: join(IMG, 'import-decomposition.png') });
  await page.locator('#scenarios').screenshot({ path: join(IMG, 'export-buttons.png') });
  await context.close();
  console.log(`screenshots in ${IMG}`);
} finally {
  await browser.close();
  await server.close();
}
