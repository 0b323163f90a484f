#!/usr/bin/env node
// The screenshots of docs/USER_GUIDE.md's trainer's chapter, taken from the release build in
// dist/ (make dist first):  node scripts/trainer-screenshots.mjs  → docs/img/stage-*.png
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveDist, launch, openPage } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const IMG = join(ROOT, 'docs', 'img');

const server = await serveDist();
const browser = await launch();
try {
  await mkdir(IMG, { recursive: true });
  // The walk on a laptop: the step at the foot, its operands marked in the page.
  let context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  let { page } = await openPage(context, server.url);
  await page.waitForSelector('#overview-q1-output');
  await page.click('#stage-card > summary');
  await page.locator('#stage-card').screenshot({ path: join(IMG, 'stage-card.png') });
  await page.click('#stage-start');
  await page.locator('#stage').focus();
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(IMG, 'stage-walk.png') });
  await page.keyboard.press('Escape');
  // Goal seek on an enterprise's daily quota.
  await page.click('#daily-node-2');
  await page.fill('#goal-want', '1100');
  await page.click('#goal-solve');
  await page.waitForSelector('#goal-line');
  await page.locator('#goal').screenshot({ path: join(IMG, 'stage-goal.png') });
  await context.close();
  // Presentation mode on a projector, both languages.
  for (const lang of ['zh', 'en']) {
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    ({ page } = await openPage(context, server.url));
    await page.waitForSelector('#overview-q1-output');
    if (lang === 'en') {
      await page.click('#lang-toggle');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    await page.click('#stage-card > summary');
    await page.check('#exercise-hide-7');
    await page.click('#stage-present');
    await page.waitForSelector('#stage.presenting');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(IMG, `stage-present-${lang}.png`) });
    if (lang === 'zh') {
      await page.keyboard.press('End');
      await page.screenshot({ path: join(IMG, 'stage-exercise.png') });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
