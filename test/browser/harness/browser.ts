/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
/**
 * Debian's Chromium driven by playwright-core, axe-core injected into pages, screenshots kept
 * under test-artifacts/browser/. One browser per test file; a fresh context per test.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { PersonName } from './world';

export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/browser');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    // surfaced in the test output; a test that cares asserts on errors() below
    (page as Page & { errors?: Error[] }).errors = [...((page as Page & { errors?: Error[] }).errors ?? []), error];
  });
  return page;
}

export function pageErrors(page: Page): Error[] {
  return (page as Page & { errors?: Error[] }).errors ?? [];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical axe-core violations of the page as it is now (WCAG 2.x A/AA and best practice). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, not as a script tag: the app's CSP (script-src 'self') stays on and is tested too
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').join(' ')}` : ''}`).join('\n  ')}`).join('\n');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** A page whose context holds the person's session cookies (signed in through the API). */
export async function signedInPage(browser: Browser, product: { url: string; signIn(p: PersonName): Promise<{ access: string; refresh: string }> }, person: PersonName, options: BrowserContextOptions = {}): Promise<Page> {
  const s = await product.signIn(person);
  const page = await newPage(browser, options);
  await page.context().addCookies([
    { name: 'rp_access', value: s.access, domain: new URL(product.url).hostname, path: '/api', httpOnly: true, sameSite: 'Strict' },
    { name: 'rp_refresh', value: s.refresh, domain: new URL(product.url).hostname, path: '/api/auth', httpOnly: true, sameSite: 'Strict' },
  ]);
  return page;
}

/** Press Tab until the focused element matches, up to `max` presses; returns the presses used. */
export async function tabTo(page: Page, predicate: (el: { tag: string; text: string; id: string; label: string }) => boolean, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const label = a?.id ? (document.querySelector(`label[for="${a.id}"]`) as HTMLElement | null)?.innerText ?? '' : '';
      return { tag: a?.tagName ?? '', text: (a?.innerText || a?.getAttribute('aria-label') || '').trim(), id: a?.id ?? '', label: label.trim() };
    });
    if (predicate(el)) return i;
  }
  throw new Error(`focus did not reach the element within ${max} Tab presses`);
}
