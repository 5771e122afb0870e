/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// Every page: the shell's landmarks and headings, 0 serious/critical axe-core violations, a
// screenshot; the modeller is code-split away from the inbox; first-load timing is recorded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, describeViolations, launchBrowser, newPage, pageErrors, screenshot, seriousViolations } from './harness/browser';
import { startStaticServer, type StaticServer } from './harness/static-server';
import { PAGES } from './harness/pages';



let server: StaticServer;
let browser: Browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('every page', () => {
  for (const p of PAGES) {
    test(`${p.name}: landmarks, one h1, no serious or critical axe violations`, async () => {
      const page = await newPage(browser);
      await page.goto(server.url + p.path);
      await page.locator('main h1').waitFor();
      if (p.name === 'modeller') await page.locator('.djs-container svg').first().waitFor();
      // let API answers (404 in the harness) settle into their "not available" notes
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('main h1').innerText(), p.heading);
      assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
      assert.equal(await page.locator('main').count(), 1);
      assert.equal(await page.locator('header').count(), 1);
      assert.equal(await page.locator('nav[aria-label="Primary"]').count(), 1);
      assert.equal(await page.locator('footer').count(), 1);
      assert.match(await page.title(), new RegExp(`${p.heading} – Referral pathways|Referral pathways`));
      const violations = await seriousViolations(page);
      await screenshot(page, `page-${p.name}`);
      assert.deepEqual(pageErrors(page).map((e) => e.message), []);
      assert.equal(violations.length, 0, describeViolations(violations));
      await page.context().close();
    });
  }
});

describe('shell', () => {
  test('the skip link is the first stop and moves focus to the main content', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + '/inbox');
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    // the focus ring is visible: an outline is drawn
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.context().close();
  });

  test('navigating moves focus to the new page heading and marks the current link', async () => {
    const page = await newPage(browser);
    await page.goto(server.url + '/');
    await page.locator('main h1').waitFor();
    await page.locator('nav[aria-label="Primary"] a', { hasText: 'Coordinator' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Coordinator');
    assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Coordinator');
    assert.equal(await page.title(), 'Coordinator – Referral pathways');
    await page.context().close();
  });
});

describe('loading', () => {
  test('the inbox does not download the modeller (bpmn-js) chunk; the modeller does', async () => {
    const page = await newPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(server.url + '/inbox');
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(scripts.length >= 1);
    assert.deepEqual(scripts.filter((s) => s.includes('modeller')), []);
    await page.locator('nav a', { hasText: 'Modeller' }).click();
    await page.locator('.djs-container').waitFor();
    assert.equal(scripts.filter((s) => s.includes('modeller')).length, 1);
    await page.context().close();
  });

  test('first-load timing of the built app (recorded, not asserted)', async () => {
    const results: Record<string, unknown> = {};
    for (const p of ['/inbox', '/modeller']) {
      const samples: { domContentLoaded: number; load: number; ready: number; transferKB: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await newPage(browser); // fresh context: empty cache
        const start = Date.now();
        await page.goto(server.url + p);
        await page.locator(p === '/modeller' ? '.djs-container svg' : 'main h1').first().waitFor();
        const ready = Date.now() - start;
        const nav = await page.evaluate(() => {
          const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          const transfer = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).reduce((sum, r) => sum + r.transferSize, entry?.transferSize ?? 0);
          return { domContentLoaded: entry?.domContentLoadedEventEnd ?? 0, load: entry?.loadEventEnd ?? 0, transfer };
        });
        samples.push({ domContentLoaded: Math.round(nav.domContentLoaded), load: Math.round(nav.load), ready, transferKB: Math.round(nav.transfer / 1024) });
        await page.context().close();
      }
      results[p] = samples;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'load-timing.json'), JSON.stringify(results, null, 2));
    console.log('first-load timing (ms, KB transferred, uncompressed static server):', JSON.stringify(results));
  });
});
