// The app shell, end to end: the release build in dist/, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, withScreenshotOnFailure, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function typeInto(page, selector, text) {
  await page.fill(selector, '');
  await page.type(selector, text);
}

test('loads without console errors or panics, with its title', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context, server.url);
  await withScreenshotOnFailure(page, 'shell-load', async () => {
    await page.waitForSelector('#q1-amount');
    assert.equal(await page.locator('h1').textContent(), '目标分解沙盘');
    // Defaults: the worked example.
    assert.equal(await page.locator('#q1-amount').textContent(), '72.60亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('typing derives the Q1 amount, and a reload restores both inputs', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context, server.url);
  await withScreenshotOnFailure(page, 'shell-type-reload', async () => {
    await page.waitForSelector('#annual-target');
    await typeInto(page, '#annual-target', '1,250.5');
    await typeInto(page, '#q1-share', '２４');
    // 1250.5 × 24% = 300.12
    await page.waitForFunction(
      () => document.querySelector('#q1-amount')?.textContent === '300.12亿元',
    );
    assert.match(
      await page.locator('#q1-amount-why').textContent(),
      /全年目标 1,250\.50亿元 × 一季度占比 24% = 300\.12亿元/,
    );
    await screenshot(page, 'shell');

    await page.reload();
    await page.waitForSelector('#q1-amount');
    assert.equal(await page.inputValue('#annual-target'), '1,250.5');
    assert.equal(await page.inputValue('#q1-share'), '２４');
    assert.equal(await page.locator('#q1-amount').textContent(), '300.12亿元');
    assert.deepEqual(problems, []);
  });
  await context.close();
});

test('bad input shows a message and the amount keeps the last good value', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, server.url);
  await withScreenshotOnFailure(page, 'shell-bad-input', async () => {
    await page.waitForSelector('#annual-target');
    await typeInto(page, '#annual-target', '400');
    await page.waitForFunction(
      () => document.querySelector('#q1-amount')?.textContent === '88.00亿元',
    );
    await typeInto(page, '#annual-target', '400x');
    await page.waitForSelector('.field-error');
    assert.match(await page.locator('.field-error').textContent(), /无法识别的字符“x”/);
    assert.equal(await page.locator('#q1-amount').textContent(), '88.00亿元');
    // What was typed stays in the field.
    assert.equal(await page.inputValue('#annual-target'), '400x');
  });
  await context.close();
});
