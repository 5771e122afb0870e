/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// Every page on the real api + worker, as a person whose role it is for: the shell's landmarks
// and headings, 0 serious/critical axe-core violations, a screenshot; 200 % zoom with nothing
// cut off; the skip link and focus on navigation; the app's serving (cache headers, SPA
// fallback, CSP); the modeller and dashboard code-split away from the inbox; first-load timing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, describeViolations, fixture, launchBrowser, newPage, pageErrors, screenshot, seriousViolations, signedInPage } from './harness/browser';
import { PAGES } from './harness/pages';
import { startProduct, type Product } from './harness/product';

let product: Product;
let browser: Browser;
let caseId = '';

before(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  // a pathway and a case, so that the inbox, the case, the dashboard and the heat-map have something to show
  const deployed = await product.api('coordinator', 'POST', '/api/definitions/deploy', { xml: fixture('idva-referral.v2.bpmn'), note: 'For the page tests' });
  assert.equal(deployed.status, 201, deployed.text);
  const r = await product.api<{ caseId?: string; id?: string }>('coordinator', 'POST', '/api/referrals', {
    idempotencyKey: `pages-${Date.now()}`, pathway: 'idva-referral', consent: 'given', victim: { identity: { name: 'Synthetic Person P' } }, dashScore: 15,
  });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  caseId = String(r.body.caseId ?? r.body.id);
});
after(async () => {
  await browser?.close();
  await product?.close();
});

async function settle(page: Page, name: string) {
  await page.locator('main h1').first().waitFor();
  if (name === 'modeller') await page.locator('.djs-container svg').first().waitFor();
  if (name === 'dashboard') await page.locator('[data-testid="heat-map"] svg').first().waitFor();
  await page.waitForLoadState('networkidle');
}

const checked: string[] = [];

describe('every page', () => {
  for (const p of PAGES) {
    test(`${p.name} (as ${p.as}): landmarks, one h1, no serious or critical axe violations`, async () => {
      const page = await signedInPage(browser, product, p.as);
      await page.goto(product.url + p.path.replace(':case', caseId));
      await settle(page, p.name);
      assert.equal(await page.locator('main h1').innerText(), p.heading);
      assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
      assert.equal(await page.locator('main').count(), 1);
      assert.equal(await page.locator('header').count(), 1);
      assert.equal(await page.locator('nav[aria-label="Primary"]').count(), 1);
      assert.equal(await page.locator('footer').count(), 1);
      assert.match(await page.title(), new RegExp(`${p.heading} – Referral pathways`));
      if (p.name === 'not-for-role') assert.match(await page.locator('main').innerText(), /Your role may not use this page/);
      if (p.name === 'case') assert.match(await page.locator('main').innerText(), /Timeline[\s\S]*idva-triage/);
      if (p.name !== 'not-found' && p.name !== 'not-for-role') assert.doesNotMatch(await page.locator('main').innerText(), /Something went wrong|Your role may not/);
      const violations = await seriousViolations(page);
      await screenshot(page, `page-${p.name}`);
      assert.deepEqual(pageErrors(page).map((e) => e.message), []);
      assert.equal(violations.length, 0, describeViolations(violations));
      checked.push(`${p.path} as ${p.as}`);
      await page.context().close();
    });
  }

  test('the sign-in page', async () => {
    const page = await newPage(browser);
    await page.goto(product.url + '/inbox');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    checked.push('/ (signed out: sign-in)');
    await screenshot(page, 'page-sign-in');
    await page.context().close();
  });

  after(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'axe-pages.json'), JSON.stringify(checked, null, 2));
    console.log(`axe-core: 0 serious/critical violations on ${checked.length} pages: ${checked.join(', ')}`);
  });
});

describe('200 % zoom (a 1280×900 screen at 200 % = 640×450 CSS pixels)', () => {
  for (const p of [PAGES.find((x) => x.name === 'inbox')!, PAGES.find((x) => x.name === 'dashboard')!, PAGES.find((x) => x.name === 'case')!]) {
    test(`${p.name}: nothing scrolls sideways, nothing is cut off`, async () => {
      const page = await signedInPage(browser, product, p.as, { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
      await page.goto(product.url + p.path.replace(':case', caseId));
      await settle(page, p.name);
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        // elements wider than the viewport outside a scrolling table wrapper
        const cut = [...document.querySelectorAll<HTMLElement>('main *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > doc.clientWidth + 1 || r.left < -1) && !el.closest('.table-wrap, .djs-container, .chart-canvas');
        });
        return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut: cut.slice(0, 5).map((el) => `${el.tagName}.${el.className}`) };
      });
      assert.ok(overflow.scrollWidth <= overflow.clientWidth, `the page scrolls sideways: ${overflow.scrollWidth} > ${overflow.clientWidth}`);
      assert.deepEqual(overflow.cut, []);
      await screenshot(page, `zoom-200-${p.name}`);
      const violations = await seriousViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      await page.context().close();
    });
  }
});

describe('shell', () => {
  test('the skip link is the first stop and moves focus to the main content', async () => {
    const page = await signedInPage(browser, product, 'worker');
    await page.goto(product.url + '/inbox');
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.context().close();
  });

  test('navigating moves focus to the new page heading and marks the current link', async () => {
    const page = await signedInPage(browser, product, 'coordinator');
    await page.goto(product.url + '/');
    await page.locator('main h1').waitFor();
    await page.locator('nav[aria-label="Primary"] a', { hasText: 'Coordinator' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Coordinator');
    assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Coordinator');
    await page.context().close();
  });
});

describe('serving and loading', () => {
  test('index.html is not cached, hashed assets are immutable, routes fall back to the app, the API keeps its headers', async () => {
    const index = await fetch(product.url + '/cases/anything');
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset);
    const js = await fetch(product.url + asset);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await fetch(product.url + '/assets/missing.js')).status, 404);
    const api = await fetch(product.url + '/api/me');
    assert.equal(api.status, 401);
    assert.equal(api.headers.get('cache-control'), 'no-store');
    assert.match(api.headers.get('content-type') ?? '', /problem\+json/);
    const board = await fetch(product.url + '/api/admin/queues');
    assert.equal(board.status, 401);
  });

  test('the inbox does not download the modeller or the dashboard chunks; the modeller does', async () => {
    const page = await signedInPage(browser, product, 'coordinator');
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(product.url + '/inbox');
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(scripts.filter((s) => /modeller|dashboard|bpmn/.test(s)), []);
    await page.locator('nav a', { hasText: 'Modeller' }).click();
    await page.locator('.djs-container').waitFor();
    assert.equal(scripts.filter((s) => s.includes('modeller')).length, 1);
    await page.context().close();
  });

  test('bundle size and first-load time of the built app (recorded, not asserted)', async () => {
    const dist = path.resolve(__dirname, '../../apps/web/dist/assets');
    const files = readdirSync(dist).map((f) => ({ file: f, kB: Math.round(statSync(path.join(dist, f)).size / 1024) }));
    const results: Record<string, unknown> = { bundle: files, totalKB: files.reduce((n, f) => n + f.kB, 0) };
    for (const p of ['/inbox', '/modeller', '/dashboard']) {
      const samples: { domContentLoaded: number; load: number; ready: number; transferKB: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await signedInPage(browser, product, p === '/dashboard' ? 'manager' : 'coordinator');
        const start = Date.now();
        await page.goto(product.url + p);
        await page.locator(p === '/modeller' ? '.djs-container svg' : p === '/dashboard' ? '[data-testid="heat-map"] svg' : 'main h1').first().waitFor();
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
    console.log('bundle and first-load timing (ms, KB; served by apps/api, uncompressed):', JSON.stringify(results));
  });
});
