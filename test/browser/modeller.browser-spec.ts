/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// The coordinator's modeller journey up to the server: open a template, see the lint problem on
// its element, fix it in the properties panel, see the marker go; the server's compile problems
// marked and listed; deploy with a note; the visual diff of two versions; a dry run animated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { stubApi, type StubCall } from './harness/api-stub';
import { FIXTURES, describeViolations, fixture, launchBrowser, newPage, pageErrors, screenshot, seriousViolations } from './harness/browser';
import { startStaticServer, type StaticServer } from './harness/static-server';

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

const V1 = fixture('idva-referral.bpmn');
const V2 = fixture('idva-referral.v2.bpmn');

const shape = (page: Page, id: string) => page.locator(`.canvas .djs-element[data-element-id="${id}"]`);
const hasMarker = (page: Page, id: string, marker: string) =>
  shape(page, id).evaluate((el, m) => el.classList.contains(m), marker);

async function openModeller(page: Page, extra: Parameters<typeof stubApi>[1] = {}): Promise<StubCall[]> {
  const calls = await stubApi(page, {
    'GET /api/templates': () => ({ json: [{ id: 'idva-referral', name: 'IDVA referral' }] }),
    'GET /api/templates/idva-referral': () => ({ json: { id: 'idva-referral', name: 'IDVA referral', xml: V1 } }),
    ...extra,
  });
  await page.goto(server.url + '/modeller');
  await page.locator('.djs-container svg').first().waitFor();
  return calls;
}

async function openTemplate(page: Page) {
  await page.selectOption('#template-select', 'idva-referral');
  await page.getByRole('button', { name: 'Open template' }).click();
  await shape(page, 'idva-triage').waitFor();
}

test('open a template, see the missing SLA marked, fix it in the properties panel, the marker goes', async () => {
  const page = await newPage(browser);
  await openModeller(page);
  await openTemplate(page);

  // the live lint marks the triage task and lists the problem
  await page.waitForFunction(() => document.querySelector('.canvas .djs-element[data-element-id="idva-triage"]')?.classList.contains('problem-error'));
  const problem = page.locator('.problem[data-element-id="idva-triage"]', { hasText: 'has no SLA' });
  assert.equal(await problem.count(), 1);
  assert.equal(await hasMarker(page, 'marac-referral', 'problem-error'), false, 'a task with an SLA is not marked');
  await screenshot(page, 'modeller-lint-problem');

  // activating the problem selects the element and shows its referral properties
  await problem.getByRole('button').click();
  assert.equal(await shape(page, 'idva-triage').evaluate((el) => el.classList.contains('selected')), true);
  const sla = page.locator('#bio-properties-panel-referral-sla');
  if (!(await sla.isVisible())) await page.locator('.bio-properties-panel-group-header', { hasText: 'Agency and SLA' }).click();
  await sla.waitFor();
  assert.equal(await page.locator('#bio-properties-panel-referral-agency').inputValue(), 'idva');

  // an invalid SLA is flagged in the panel and stays a problem
  await sla.fill('2 days');
  await page.locator('.bio-properties-panel-entry[data-entry-id="referral-sla"] .bio-properties-panel-error').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.problem')].some((p) => /not an ISO 8601 duration/.test(p.textContent ?? '')));
  assert.equal(await hasMarker(page, 'idva-triage', 'problem-error'), true);

  // a valid one clears the marker and the problem
  await sla.fill('P2D');
  await page.waitForFunction(() => !document.querySelector('.canvas .djs-element[data-element-id="idva-triage"]')?.classList.contains('problem-error'));
  assert.equal(await page.locator('.problem[data-element-id="idva-triage"]').count(), 0);
  assert.match(await page.locator('#problems-heading').innerText(), /\(0 errors/);
  await screenshot(page, 'modeller-lint-fixed');

  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('the server\'s compile problems are marked on their elements and listed; deploy sends the note', async () => {
  const page = await newPage(browser);
  const calls = await openModeller(page, {
    'POST /api/definitions/validate': () => ({ status: 422, json: { problems: [{ elementId: 'f-high', message: 'FEEL: unknown variable dashScore', severity: 'error' }, { message: 'Model-wide note', severity: 'warning' }] } }),
    'POST /api/definitions': () => ({ status: 201, json: { key: 'idva-referral', version: 3, note: 'x', deployedAt: '2026-03-02T10:00:00Z' } }),
    'GET /api/definitions/idva-referral/versions': () => ({ json: [] }),
  });
  // open from a file this time
  await page.setInputFiles('#open-file', path.join(FIXTURES, 'idva-referral.v2.bpmn'));
  await shape(page, 'safeguarding').waitFor();
  await page.getByRole('button', { name: 'Check on the server' }).click();
  await page.locator('.problem[data-source="server"][data-element-id="f-high"]').waitFor();
  await page.waitForFunction(() => document.querySelector('.canvas .djs-element[data-element-id="f-high"]')?.classList.contains('problem-error'));
  assert.equal(await page.locator('.problem[data-source="server"]', { hasText: 'Model-wide note' }).count(), 1);
  assert.match(await page.getByTestId('modeller-status').innerText(), /server found 2 problem/);
  const validateCall = calls.find((c) => c.method === 'POST' && c.path === '/api/definitions/validate');
  assert.ok(validateCall?.body?.includes('id="safeguarding"'), 'the raw XML is sent');
  await screenshot(page, 'modeller-server-problems');

  // deploy with a version note
  await page.getByRole('button', { name: 'Deploy…' }).click();
  await page.locator('#deploy-note').fill('Adds immediate safeguarding after the MARAC referral');
  await page.locator('dialog').getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.getByText('Deployed idva-referral version 3.').waitFor();
  const deploy = calls.find((c) => c.method === 'POST' && c.path === '/api/definitions');
  const body = JSON.parse(deploy?.body ?? '{}') as { xml?: string; note?: string };
  assert.equal(body.note, 'Adds immediate safeguarding after the MARAC referral');
  assert.ok(body.xml?.includes('<referral:task agency="police"'));
  await page.context().close();
});

test('the visual diff of two versions colours added, removed and changed elements side by side', async () => {
  const page = await newPage(browser);
  await openModeller(page, {
    'GET /api/definitions/idva-referral/versions': () => ({
      json: [
        { key: 'idva-referral', version: 1, note: 'First version', deployedAt: '2026-01-05T09:00:00Z' },
        { key: 'idva-referral', version: 2, note: 'Safeguarding step', deployedAt: '2026-02-01T09:00:00Z' },
      ],
    }),
    'GET /api/definitions/idva-referral/versions/1': () => ({ json: { key: 'idva-referral', version: 1, deployedAt: '2026-01-05T09:00:00Z', xml: V1 } }),
    'GET /api/definitions/idva-referral/versions/2': () => ({ json: { key: 'idva-referral', version: 2, deployedAt: '2026-02-01T09:00:00Z', xml: V2 } }),
  });
  await openTemplate(page);
  await page.locator('#diff-from').waitFor();
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
  assert.equal(await page.locator('[data-testid="diff-before"] .djs-element[data-element-id="safeguarding"]').count(), 0);
  const text = await summary.innerText();
  assert.match(text, /Added safeguarding/);
  assert.match(text, /Changed end-standard: name/);
  await screenshot(page, 'modeller-diff');
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await page.context().close();
});

test('a dry run animates the simulation trace on the diagram', async () => {
  const page = await newPage(browser);
  const at = '2026-03-02T10:00:00Z';
  const calls = await openModeller(page, {
    'POST /api/simulations': () => ({
      json: {
        status: 'waiting',
        trace: [
          { elementId: 'start', transition: 'activated', at },
          { elementId: 'start', transition: 'completed', at },
          { elementId: 'f-start-triage', transition: 'taken', at },
          { elementId: 'idva-triage', transition: 'activated', at },
        ],
      },
    }),
  });
  await openTemplate(page);
  await page.locator('#dryrun-vars').fill('{ "dashScore": 16 }');
  await page.getByRole('button', { name: 'Run on the server' }).click();
  await page.getByTestId('trace-list').waitFor();
  // reduced motion: no autoplay; step through by hand
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.match(await page.getByRole('status').filter({ hasText: 'Step' }).innerText(), /Step 4 of 4/);
  assert.equal(await hasMarker(page, 'start', 'sim-done'), true);
  assert.equal(await page.locator('.canvas .djs-element[data-element-id="f-start-triage"]').evaluate((el) => el.classList.contains('sim-taken')), true);
  assert.equal(await hasMarker(page, 'idva-triage', 'sim-active'), true);
  assert.equal(await page.locator('.trace-list li[aria-current="step"]').innerText(), 'IDVA triage: activated');
  const sent = JSON.parse(calls.find((c) => c.path === '/api/simulations')?.body ?? '{}') as { variables?: unknown };
  assert.deepEqual(sent.variables, { dashScore: 16 });
  await screenshot(page, 'modeller-dry-run');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await hasMarker(page, 'start', 'sim-done'), false);
  await page.context().close();
});
