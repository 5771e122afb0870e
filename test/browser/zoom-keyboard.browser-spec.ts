/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// 200 % zoom (a 1280×800 screen at 200 % = a 640×400 CSS-pixel viewport): no page scrolls
// sideways and every control in the main content can be reached. Keyboard alone: claim a task,
// fill its form (errors first), complete it; reach a lint problem and its properties.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { stubApi } from './harness/api-stub';
import { describeViolations, fixture, launchBrowser, newPage, screenshot, seriousViolations } from './harness/browser';
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

const TASK = {
  id: 't-1',
  name: 'IDVA triage',
  elementId: 'idva-triage',
  pathway: 'idva-referral',
  caseReference: 'MARAC-2026-0001',
  caseId: 'case-1',
  agency: 'idva',
  role: 'idva',
  createdAt: '2026-03-02T09:00:00Z',
  dueAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
};

/** A stateful stand-in for the task endpoints (the runtime issue will serve them). */
async function stubInbox(page: Page) {
  let status: 'open' | 'claimed' | 'completed' = 'open';
  const calls = await stubApi(page, {
    'GET /api/tasks': () => ({
      json: { items: status === 'completed' ? [] : [{ ...TASK, status, assignee: status === 'claimed' ? { id: 'u1', displayName: 'Sam (IDVA)' } : null }], total: status === 'completed' ? 0 : 1 },
    }),
    'POST /api/tasks/t-1/claim': () => {
      status = 'claimed';
      return { json: { ...TASK, status } };
    },
    'GET /api/tasks/t-1': () => ({
      json: {
        ...TASK,
        status,
        assignee: { id: 'u1', displayName: 'Sam (IDVA)' },
        form: [
          { name: 'dashScore', type: 'integer', required: true, label: 'DASH score', scope: 'dash' },
          { name: 'level', type: 'enum', required: true, options: ['standard', 'medium', 'high'], label: 'Risk level' },
          { name: 'contacted', type: 'boolean', required: false, label: 'Victim contacted safely' },
        ],
      },
    }),
    'POST /api/tasks/t-1/complete': () => {
      status = 'completed';
      return { status: 204, body: '' };
    },
  });
  return calls;
}

/** Press Tab until the focused element matches, up to `max` presses; returns the presses used. */
async function tabTo(page: Page, predicate: (el: { tag: string; text: string; id: string; group: string }) => boolean, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const header = a?.closest('.bio-properties-panel-group-header') as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.innerText || a?.getAttribute('aria-label') || '').trim(), id: a?.id ?? '', group: header?.innerText.trim() ?? '' };
    });
    if (predicate(el)) return i;
  }
  throw new Error('not reachable by Tab');
}

describe('200 % zoom', () => {
  for (const p of PAGES) {
    test(`${p.name}: no horizontal overflow, every control reachable`, async () => {
      const page = await newPage(browser, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
      await page.goto(server.url + p.path);
      await page.locator('main h1').waitFor();
      if (p.name === 'modeller') await page.locator('.djs-container svg').first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        main: (document.querySelector('main') as HTMLElement).scrollWidth - (document.querySelector('main') as HTMLElement).clientWidth,
      }));
      assert.ok(overflow.page <= 0, `the page scrolls sideways by ${overflow.page}px`);
      assert.ok(overflow.main <= 0, `the main content overflows by ${overflow.main}px`);
      // every focusable control outside the drawing surface fits the width once scrolled to
      const cut = await page.evaluate(() => {
        const selector = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>(selector)) {
          if (el.closest('.djs-container') || el.closest('dialog:not([open])') || el.classList.contains('skip-link')) continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden]')) continue;
          if (el.offsetParent === null && style.position !== 'fixed') continue;
          el.scrollIntoView({ block: 'center', inline: 'nearest' });
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.left < -1 || box.right > window.innerWidth + 1) out.push(`${el.tagName} "${(el.innerText || el.id).slice(0, 40)}" at ${Math.round(box.left)}–${Math.round(box.right)}`);
        }
        return out;
      });
      assert.deepEqual(cut, []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `zoom200-${p.name}`);
      await page.context().close();
    });
  }

  test('the inbox with a task at 200 %: table scrolls inside its own box, not the page', async () => {
    const page = await newPage(browser, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await stubInbox(page);
    await page.goto(server.url + '/inbox');
    await page.getByRole('row', { name: /IDVA triage/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'zoom200-inbox-with-task');
    await page.context().close();
  });
});

describe('keyboard only', () => {
  test('claim a task, get the form errors, fix them and complete the task', async () => {
    const page = await newPage(browser);
    const calls = await stubInbox(page);
    await page.goto(server.url + '/inbox');
    await page.getByRole('row', { name: /IDVA triage/ }).waitFor();
    assert.match(await page.locator('.sla').innerText(), /due in 1 d 1 h|due in 1 d 2 h/);

    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Claim'));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Work on IDVA triage' }).waitFor();
    assert.ok(calls.some((c) => c.method === 'POST' && c.path === '/api/tasks/t-1/claim'));

    await page.getByRole('button', { name: 'Work on IDVA triage' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('form[aria-label="Complete the task"]').waitFor();

    // submit empty: the error summary takes focus and links to the fields
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Complete task');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    assert.match(await page.locator('.error-summary').innerText(), /DASH score is required[\s\S]*Risk level is required/);
    assert.equal(calls.filter((c) => c.path === '/api/tasks/t-1/complete').length, 0, 'an invalid form is not sent');
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await screenshot(page, 'keyboard-form-errors');

    // follow the first error link to its field and type
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'task-t-1-dashScore');
    await page.keyboard.type('16');
    await page.keyboard.press('Tab'); // risk level select
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'task-t-1-level');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#task-t-1-level').inputValue(), 'high');
    await page.keyboard.press('Tab'); // checkbox
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Complete task');
    await page.keyboard.press('Enter');
    await page.getByText('No tasks are waiting.').waitFor();
    const complete = calls.find((c) => c.path === '/api/tasks/t-1/complete');
    assert.deepEqual(JSON.parse(complete?.body ?? '{}'), { variables: { dashScore: 16, level: 'high', contacted: true } });
    await page.context().close();
  });

  test('modeller: reach a lint problem by keyboard, open its element, edit the SLA', async () => {
    const page = await newPage(browser);
    await stubApi(page, {
      'GET /api/templates': () => ({ json: [{ id: 'idva-referral', name: 'IDVA referral' }] }),
      'GET /api/templates/idva-referral': () => ({ json: { id: 'idva-referral', name: 'IDVA referral', xml: fixture('idva-referral.bpmn') } }),
    });
    await page.goto(server.url + '/modeller');
    await page.locator('.djs-container svg').first().waitFor();
    await page.locator('#template-select').focus();
    await page.keyboard.press('ArrowDown'); // choose the template
    assert.equal(await page.locator('#template-select').inputValue(), 'idva-referral');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Open template
    await page.locator('.problem[data-element-id="idva-triage"]').first().waitFor();
    await tabTo(page, (el) => el.tag === 'BUTTON' && /IDVA triage \(idva-triage\)[\s\S]*has no SLA/.test(el.text), 120);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('properties'));
    // Tab forward into the panel until the SLA field (opening its group with Enter if closed)
    if (!(await page.locator('#bio-properties-panel-referral-sla').isVisible())) {
      await tabTo(page, (el) => el.group.startsWith('Agency and SLA'), 40);
      await page.keyboard.press('Enter');
    }
    await tabTo(page, (el) => el.id === 'bio-properties-panel-referral-sla', 40);
    await page.keyboard.type('P2D');
    await page.waitForFunction(() => !document.querySelector('.canvas .djs-element[data-element-id="idva-triage"]')?.classList.contains('problem-error'));
    await page.context().close();
  });
});
