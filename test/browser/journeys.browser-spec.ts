/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// The three journeys on the real api + worker (own database, a clock the test moves):
// 1. a coordinator signs in (password + TOTP), opens a template, sees a problem marked on its
//    element (live check and server), fixes it in the properties panel and deploys with a note;
// 2. an agency worker gets the live notification (toast, count in the title), claims the task and
//    completes it with its form (validated);
// 3. a manager sees the breach on the dashboard (table, chart, heat-map) after the clock moves past
//    the SLA.
// And what the journeys do not cross: the visual diff of two versions, a dry run, keyboard-only
// completion of a task, the CSV export's content. Each page's screenshot is kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FIXTURES, describeViolations, fixture, launchBrowser, newPage, pageErrors, screenshot, seriousViolations, signedInPage, tabTo } from './harness/browser';
import { startProduct, type Product } from './harness/product';
import { PASSWORD, PEOPLE } from './harness/world';

let product: Product;
let browser: Browser;

before(async () => {
  [product, browser] = await Promise.all([startProduct({ fixtureTemplates: ['idva-referral.bpmn'] }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await product?.close();
});

const shape = (page: Page, id: string) => page.locator(`.canvas .djs-element[data-element-id="${id}"]`);
const hasMarker = (page: Page, id: string, marker: string) => shape(page, id).evaluate((el, m) => el.classList.contains(m), marker);

async function noSeriousViolations(page: Page, where: string) {
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${describeViolations(violations)}`);
}

let referrals = 0;
/** A referral made by the coordinator through the API (synthetic person, decision data only). */
async function refer(dashScore = 16): Promise<{ caseId: string; reference: string }> {
  referrals++;
  const r = await product.api<{ caseId?: string; id?: string; reference: string }>('coordinator', 'POST', '/api/referrals', {
    idempotencyKey: `browser-test-${referrals}-${Date.now()}`,
    pathway: 'idva-referral',
    consent: 'given',
    victim: { identity: { name: `Synthetic Person ${referrals}` } },
    dashScore,
  });
  assert.ok(r.status === 201 || r.status === 200, `referral: ${r.status} ${r.text}`);
  return { caseId: String(r.body.caseId ?? r.body.id), reference: r.body.reference };
}

async function openTasksOf(person: 'worker'): Promise<{ id: number; elementId: string; status: string; assignee: string | null; dueAt: string | null }[]> {
  const r = await product.api<{ items: { id: number; elementId: string; status: string; assignee: string | null; dueAt: string | null }[] }>(person, 'GET', '/api/tasks?status=open');
  return r.body.items;
}

test('journey 1: a coordinator signs in, opens a template, sees the problem marked, fixes it and deploys', async () => {
  const page = await newPage(browser);
  await page.goto(`${product.url}/modeller`);
  // sign-in: password, then the authenticator code
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshot(page, 'journey1-sign-in');
  await noSeriousViolations(page, 'sign-in');
  await page.getByLabel('E-mail address').fill(PEOPLE.coordinator.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
  await page.getByLabel(/Six-digit code/).fill(await product.code('coordinator'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('main h1', { hasText: 'Modeller' }).waitFor();
  await page.locator('.djs-container svg').first().waitFor();
  // the coordinator's navigation: no administration, no audit
  const nav = await page.locator('nav[aria-label="Primary"] a').allInnerTexts();
  assert.deepEqual(nav, ['Modeller', 'Inbox', 'Coordinator', 'Dashboard']);

  // the templates of workflows/ (and the test's) are the starting points
  const options = await page.locator('#template-select option').allInnerTexts();
  assert.ok(options.some((o) => /MARAC/.test(o)), `templates offered: ${options.join(', ')}`);
  await page.selectOption('#template-select', 'idva-referral');
  await page.getByRole('button', { name: 'Open template' }).click();
  await shape(page, 'idva-triage').waitFor();

  // the live check marks the triage task: it escalates but has no SLA
  await page.waitForFunction(() => document.querySelector('.canvas .djs-element[data-element-id="idva-triage"]')?.classList.contains('problem-error'));
  assert.equal(await page.locator('.problem[data-source="lint"][data-element-id="idva-triage"]').count() > 0, true);
  assert.equal(await hasMarker(page, 'marac-referral', 'problem-error'), false, 'a task with an SLA is not marked');
  // the server's compile finds it too, on the same element
  await page.getByRole('button', { name: 'Check on the server' }).click();
  const serverProblem = page.locator('.problem[data-source="server"][data-element-id="idva-triage"]');
  await serverProblem.waitFor();
  assert.match(await serverProblem.innerText(), /escalation chain but no SLA/);
  await screenshot(page, 'journey1-problem-marked');
  await noSeriousViolations(page, 'modeller with problems');

  // activating the problem selects the element; the SLA is fixed in the properties panel
  await serverProblem.getByRole('button').click();
  assert.equal(await shape(page, 'idva-triage').evaluate((el) => el.classList.contains('selected')), true);
  const sla = page.locator('#bio-properties-panel-referral-sla');
  if (!(await sla.isVisible())) await page.locator('.bio-properties-panel-group-header', { hasText: 'Agency and SLA' }).click();
  await sla.fill('P2D');
  await page.waitForFunction(() => !document.querySelector('.canvas .djs-element[data-element-id="idva-triage"]')?.classList.contains('problem-error'));
  assert.equal(await page.locator('.problem[data-element-id="idva-triage"]').count(), 0);
  await page.getByRole('button', { name: 'Check on the server' }).click();
  await page.getByTestId('modeller-status').filter({ hasText: 'The server found no problems.' }).waitFor();

  // deploy with a version note
  await page.getByRole('button', { name: 'Deploy…' }).click();
  await page.locator('#deploy-note').fill('IDVA triage gets a two-working-day SLA');
  await page.locator('dialog').getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.getByTestId('modeller-status').filter({ hasText: 'Deployed idva-referral version 1.' }).waitFor();
  await page.locator('#versions-heading').scrollIntoViewIfNeeded();
  await page.locator('.panel table', { hasText: 'IDVA triage gets a two-working-day SLA' }).waitFor();
  await screenshot(page, 'journey1-deployed');
  const versions = await product.api<{ version: number; note: string; deployedBy: string }[]>('coordinator', 'GET', '/api/definitions/idva-referral/versions');
  assert.deepEqual(versions.body.map((v) => [v.version, v.note, v.deployedBy]), [[1, 'IDVA triage gets a two-working-day SLA', PEOPLE.coordinator.displayName]]);
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('the visual diff of two versions colours added and changed elements; a dry run animates the path', async () => {
  const v2 = fixture('idva-referral.v2.bpmn');
  const deployed = await product.api<{ version: number }>('coordinator', 'POST', '/api/definitions/deploy', { xml: v2, note: 'Adds immediate safeguarding after the MARAC referral' });
  assert.equal(deployed.status, 201, deployed.text);
  assert.equal(deployed.body.version, 2);
  const page = await signedInPage(browser, product, 'coordinator');
  await page.goto(`${product.url}/modeller`);
  await page.locator('.djs-container svg').first().waitFor();
  // this time from a file: version 2 as the coordinator keeps it
  await page.setInputFiles('#open-file', path.join(FIXTURES, 'idva-referral.v2.bpmn'));
  await shape(page, 'safeguarding').waitFor();
  await page.locator('#diff-from option[value="1"]').waitFor({ state: 'attached' });
  await page.selectOption('#diff-from', '1');
  await page.selectOption('#diff-to', '2');
  await page.getByRole('button', { name: 'Show differences' }).click();
  const summary = page.getByTestId('diff-summary');
  await summary.waitFor();
  const after = (id: string) => page.locator(`[data-testid="diff-after"] .djs-element[data-element-id="${id}"]`);
  const before = (id: string) => page.locator(`[data-testid="diff-before"] .djs-element[data-element-id="${id}"]`);
  const cls = (l: ReturnType<typeof after>) => l.evaluate((el) => [...el.classList].filter((c) => c.startsWith('diff-')));
  assert.deepEqual(await cls(after('safeguarding')), ['diff-added']);
  assert.deepEqual(await cls(after('f-safeguarding-end')), ['diff-added']);
  assert.deepEqual(await cls(after('end-standard')), ['diff-changed']);
  assert.deepEqual(await cls(before('end-standard')), ['diff-changed']);
  assert.deepEqual(await cls(after('start')), []);
  assert.equal(await before('safeguarding').count(), 0);
  const text = await summary.innerText();
  assert.match(text, /Added safeguarding/);
  assert.match(text, /Changed end-standard: name/);
  await summary.scrollIntoViewIfNeeded();
  await screenshot(page, 'modeller-diff');
  await noSeriousViolations(page, 'modeller diff');

  // a dry run on the server's simulator, stepped through (reduced motion: no autoplay)
  await page.locator('#dryrun-vars').fill('{ "dashScore": 16 }');
  await page.getByRole('button', { name: 'Run on the server' }).click();
  await page.getByTestId('trace-list').waitFor();
  const entries = await page.locator('.trace-list li').count();
  assert.ok(entries >= 8, `trace of ${entries} entries`);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.equal(await hasMarker(page, 'start', 'sim-done'), true);
  assert.equal(await page.locator('.canvas .djs-element[data-element-id="f-start-triage"]').evaluate((el) => el.classList.contains('sim-taken')), true);
  assert.equal(await hasMarker(page, 'idva-triage', 'sim-active'), true);
  // play animates the path (one entry every 0.6 s); pause, then step to the end
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /Step ([7-9]|\d\d+) of/.test(document.querySelector('section[aria-labelledby="dryrun-heading"] p[role="status"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 500 && (await step.isEnabled()); i++) await step.click();
  // the triage task is completed with the least its form accepts (DASH score 0): the standard branch
  assert.equal(await hasMarker(page, 'end-standard', 'sim-done'), true);
  assert.equal(await hasMarker(page, 'marac-referral', 'sim-done'), false);
  assert.match(await page.locator('section[aria-labelledby="dryrun-heading"] p[role="status"]').innerText(), /the run completed/);
  await page.getByTestId('trace-list').scrollIntoViewIfNeeded();
  await screenshot(page, 'modeller-dry-run');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('journey 2: an agency worker gets the live notification, claims the task and completes it', async () => {
  const page = await signedInPage(browser, product, 'worker');
  await page.goto(`${product.url}/inbox`);
  await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
  const { reference } = await refer(16);
  // the toast and the count in the title
  const toast = page.getByTestId('toast');
  await toast.waitFor({ timeout: 30_000 });
  assert.match(await toast.innerText(), new RegExp(reference));
  await page.waitForFunction(() => /^\(\d+\) Inbox/.test(document.title));
  const row = page.locator('tr', { hasText: 'IDVA triage' }).filter({ hasText: reference });
  await row.waitFor();
  assert.match(await row.innerText(), /due in 2 d|due in 1 d|due in \d+ d/);
  await screenshot(page, 'journey2-notified');
  await noSeriousViolations(page, 'inbox with a toast');

  await row.getByRole('button', { name: /^Claim/ }).click();
  await page.locator('#task-panel-heading').waitFor();
  assert.match(await row.innerText(), /You/);
  // the form is built from the task's fields and validated before sending
  await page.getByRole('button', { name: 'Complete task' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.locator('.error-summary').innerText(), /DASH score is required/);
  await page.getByLabel(/DASH score/).fill('sixteen');
  await page.getByRole('button', { name: 'Complete task' }).click();
  await page.locator('.error-summary', { hasText: 'must be a number' }).waitFor();
  await screenshot(page, 'journey2-form-errors');
  await page.getByLabel(/DASH score/).fill('16');
  await page.getByRole('button', { name: 'Complete task' }).click();
  await page.getByTestId('inbox-status').filter({ hasText: 'Completed: IDVA triage.' }).waitFor();
  await screenshot(page, 'journey2-completed');
  const open = await openTasksOf('worker');
  assert.equal(open.filter((t) => t.elementId === 'idva-triage').length, 0, 'no IDVA triage task is left open');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('keyboard only: claim a task, fill its form and complete it', async () => {
  const page = await signedInPage(browser, product, 'worker');
  await page.goto(`${product.url}/inbox`);
  const { reference } = await refer(9);
  const row = page.locator('tr', { hasText: 'IDVA triage' }).filter({ hasText: reference });
  await row.waitFor({ timeout: 30_000 });
  await page.locator('main h1').focus();
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Claim') && el.text.includes('IDVA triage'));
  await page.keyboard.press('Enter');
  await page.locator('#task-panel-heading').waitFor();
  await tabTo(page, (el) => /DASH score/.test(el.label));
  await page.keyboard.type('9');
  await tabTo(page, (el) => el.text === 'Complete task');
  await page.keyboard.press('Enter');
  await page.getByTestId('inbox-status').filter({ hasText: 'Completed: IDVA triage.' }).waitFor();
  await screenshot(page, 'keyboard-completed');
  const tasks = await openTasksOf('worker');
  assert.equal(tasks.filter((t) => t.elementId === 'idva-triage').length, 0);
  await page.context().close();
});

test('journey 3: the manager sees the breach on the dashboard after the clock moves past the SLA', async () => {
  const { reference } = await refer(16);
  let task: { dueAt: string | null } | undefined;
  for (let i = 0; i < 100 && !task; i++) {
    task = (await openTasksOf('worker')).find((t) => t.elementId === 'idva-triage');
    if (!task) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(task?.dueAt, `the triage task of ${reference} has a due time`);
  const before = await signedInPage(browser, product, 'manager');
  await before.goto(`${product.url}/dashboard`);
  const idvaRow = (p: Page) => p.locator('[data-testid="workload-table"] tr', { hasText: 'Northshire IDVA service' });
  await idvaRow(before).waitFor();
  assert.match(await idvaRow(before).innerText(), /Northshire IDVA service\s+1\s+0/);
  await screenshot(before, 'journey3-dashboard-before');
  await before.context().close();

  // the clock moves past the due time (and the SLA timers fire)
  const now = await product.now();
  await product.advance(new Date(task!.dueAt!).getTime() - now.getTime() + 3 * 3600_000);

  const page = await newPage(browser);
  await page.goto(`${product.url}/dashboard`);
  // the session of before has expired on the moved clock: the manager signs in again (no second factor for this role)
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail address').fill(PEOPLE.manager.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('main h1', { hasText: 'Dashboard' }).waitFor();
  assert.deepEqual(await page.locator('nav[aria-label="Primary"] a').allInnerTexts(), ['Dashboard']);
  await idvaRow(page).waitFor();
  assert.match(await idvaRow(page).innerText(), /Northshire IDVA service\s+1\s+1/);
  const breach = page.locator('[data-testid="breach-agency-table"] tr', { hasText: 'Northshire IDVA service' });
  await breach.waitFor();
  assert.match(await breach.innerText(), /\s1\s+\d+(\.\d)? %/);
  assert.ok(Number((await page.locator('[data-testid="breach-table"] tbody tr td:nth-child(3)').allInnerTexts()).reduce((a, b) => a + Number(b), 0)) >= 1);
  assert.equal(await page.locator('.chart-canvas[role="img"]').count() >= 2, true, 'charts are drawn');
  // the heat-map: the triage task is where the case waits
  const badge = page.locator('.heat-badge[data-element-id="idva-triage"]');
  await badge.waitFor();
  assert.match(await badge.innerText(), /1 waiting/);
  await page.locator('[data-testid="heat-map"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'journey3-dashboard-breach');
  await noSeriousViolations(page, 'dashboard');

  // the CSV export: the same figures, one row per figure
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
  assert.match(download.suggestedFilename(), /^dashboard-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines[0], 'metric,period,agency,element,value,unit');
  assert.ok(lines.includes('overdue_tasks,,Northshire IDVA service,,1,tasks'), csv);
  assert.ok(lines.includes('open_tasks,,Northshire IDVA service,,1,tasks'), csv);
  assert.ok(lines.some((l) => /^tasks_breached,\d{4}-\d{2}-\d{2},,,1,tasks$/.test(l)), csv);
  assert.ok(lines.some((l) => /^breach_rate,[\d-]+\/[\d-]+,Northshire IDVA service,,[\d.]+,ratio$/.test(l)), csv);
  assert.ok(lines.some((l) => /^time_to_complete_p90,[\d-]+\/[\d-]+,,idva-triage,[\d.]+,hours$/.test(l)), csv);
  assert.ok(!csv.includes('Synthetic Person'), 'no personal data in the export');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});
