/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: the DOM types are needed here, not in the Node code)
// The coordinator's desk and the partnership KPIs on the real api + worker (own database, a clock
// the test moves), with a MARAC partnership seeded through the API (harness/marac.ts):
// - the agenda of the next meeting hears the children's case before the adult-only case listed
//   before it; a repeat proposal is confirmed;
// - after the clock moves past the SLAs, the coordinator acknowledges and resolves an escalation
//   by keyboard; the pattern-of-misses flags are those the API gives;
// - the action plan captured at the meeting becomes an action task in the owning agency's inbox;
// - the KPI figures on the manager's dashboard are the API's for this small seeded set (and the
//   hand-worked ones where the set fixes them); the quarterly return downloads as the API's CSV;
// - axe-core on the coordinator page and the dashboard with KPIs; 200 % zoom; screenshots kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, describeViolations, launchBrowser, pageErrors, screenshot, seriousViolations, signedInPage, tabTo } from './harness/browser';
import { complete, isoDay, openTask, refer, setUpMarac, walkToMeeting, type Listing, type SeededCase } from './harness/marac';
import { startProduct, type Product } from './harness/product';

let product: Product;
let browser: Browser;
const cases: Record<'A' | 'B' | 'R1' | 'R2', SeededCase> = {} as never;
let listing: Listing;

/** Names, dates of birth: what the coordinator's pages must never show. */
const PERSONAL = /Synthia|Exampleton|Morgan|Samplewood|Alexandra|Testperson|Sampleman|Perry|Placeholder|1991-02-03|1990-04-12|1985-07-01/;

before(async () => {
  [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  await setUpMarac(product);
  const person = (givenNames: string[], surname: string, dateOfBirth: string) => ({ givenNames, surname, dateOfBirth });
  cases.R1 = await refer(product, 'R1', { victim: person(['Alexandra'], 'Testperson', '1990-04-12'), perpetrator: person(['Robert'], 'Sampleman', '1985-07-01'), monitoring: { referringAgencyType: 'police' } });
  // the same victim and perpetrator with name and date-of-birth variants: proposed as a repeat
  const r2 = await refer(product, 'R2', { victim: person(['Alex'], 'Testperson', '1990-12-04'), perpetrator: person(['Bob'], 'Sampleman', '1985-07-01'), monitoring: { victimGender: 'male' } });
  assert.equal(r2.repeatProposals, 1);
  cases.R2 = r2;
  cases.A = await refer(product, 'A', { victim: person(['Synthia'], 'Exampleton', '1991-02-03'), perpetrator: person(['Perry'], 'Placeholder', '1988-08-08'), children: true, monitoring: { bme: true } });
  cases.B = await refer(product, 'B', { victim: person(['Morgan'], 'Samplewood', '1979-09-09'), perpetrator: person(['Casey'], 'Nobody', '1970-01-01') });
  // the adult-only case is listed first: the agenda still hears the children's case first
  const first = await walkToMeeting(product, cases.B);
  listing = await walkToMeeting(product, cases.A);
  assert.equal(listing.meetingId, first.meetingId, 'both cases are on the same meeting');
  assert.equal(listing.emergency, false);
});
after(async () => {
  await browser?.close();
  await product?.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'axe-coordinator-kpis.json'), JSON.stringify(checked, null, 2));
  console.log(`axe-core: 0 serious/critical violations on ${checked.length} states: ${checked.join(', ')}`);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const checked: string[] = [];
async function noSeriousViolations(page: Page, where: string) {
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${describeViolations(violations)}`);
  checked.push(where);
}

async function coordinatorPage(): Promise<Page> {
  const page = await signedInPage(browser, product, 'coordinator');
  await page.goto(`${product.url}/coordinator`);
  await page.locator('main h1', { hasText: 'Coordinator' }).waitFor();
  await page.getByTestId('agenda').waitFor();
  return page;
}

test('the agenda of the next meeting hears the children’s case before the adult-only case; a repeat proposal is confirmed', async () => {
  const page = await coordinatorPage();
  // the meeting the cases were listed on is the one shown, with its cut-off
  const row = page.locator(`[data-testid="meetings-table"] tr[data-meeting-id="${listing.meetingId}"]`);
  assert.equal(await row.getAttribute('aria-current'), 'true');
  assert.equal(await row.locator('td').first().innerText(), '2');
  // children's cases first, whatever the order of listing
  const order = await page.locator('[data-testid="agenda-case"]').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.caseReference, (e as HTMLElement).dataset.hasChildren]));
  assert.deepEqual(order, [[cases.A.reference, 'true'], [cases.B.reference, 'false']]);
  const sections = await page.locator('[data-testid="agenda"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.section));
  assert.ok(sections.indexOf('children-cases') < sections.indexOf('adult-cases'), sections.join(', '));
  assert.match(await page.locator('[data-section="children-cases"]').innerText(), new RegExp(`${cases.A.reference}[\\s\\S]*children in the household[\\s\\S]*Visible high risk`));
  assert.match(await page.locator('[data-section="adult-cases"]').innerText(), new RegExp(cases.B.reference));
  await page.getByTestId('agenda').scrollIntoViewIfNeeded();
  await screenshot(page, 'coordinator-agenda');

  // the repeat proposal: references and coded reasons only; confirmed, the cases are linked
  const proposal = page.locator('[data-testid="repeat-table"] tr', { hasText: cases.R2.reference });
  assert.match(await proposal.innerText(), new RegExp(`${cases.R1.reference}[\\s\\S]*within 12 months[\\s\\S]*victim date of birth: day month swapped`));
  await proposal.getByRole('button', { name: /^Confirm/ }).click();
  await page.getByTestId('repeat-status').filter({ hasText: `Confirmed: ${cases.R2.reference} is linked to ${cases.R1.reference} as a repeat.` }).waitFor();
  await page.getByText('No repeat proposals wait for a decision.').waitFor();
  const links = await product.api<{ caseId: string }[]>('coordinator', 'GET', `/api/intake/links/${cases.R2.id}`);
  assert.deepEqual(links.body.map((l) => l.caseId), [cases.R1.id]);

  assert.doesNotMatch(await page.locator('main').innerText(), PERSONAL);
  await noSeriousViolations(page, 'coordinator page (agenda)');
  await screenshot(page, 'coordinator-page');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('the MARAC chair’s page: the agenda and the escalations, without the repeat proposals the API keeps for coordinators', async () => {
  assert.equal((await product.api('chair', 'GET', '/api/intake/repeat-proposals')).status, 403);
  const page = await signedInPage(browser, product, 'chair');
  await page.goto(`${product.url}/coordinator`);
  await page.getByTestId('agenda').waitFor();
  await page.locator('#esc-heading').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#repeats-heading').count(), 0);
  assert.equal(await page.locator('nav[aria-label="On this page"] a', { hasText: 'Repeat referrals' }).count(), 0);
  assert.deepEqual(await page.locator('[data-testid="agenda-case"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.caseReference)), [cases.A.reference, cases.B.reference]);
  assert.doesNotMatch(await page.locator('main').innerText(), /Your role may not|Something went wrong/);
  await noSeriousViolations(page, 'coordinator page as the MARAC chair');
  await screenshot(page, 'coordinator-page-chair');
  await page.context().close();
});

test('escalations: after the clock moves past the SLAs, the coordinator acknowledges and resolves one by keyboard', async () => {
  // the meeting day: the safeguarding, sign-off and review tasks are overdue and escalate
  await product.advance(new Date(`${listing.meetingDate}T11:00:00Z`).getTime() - (await product.now()).getTime());
  type Esc = { id: number; kind: string; caseId: string | null; taskName: string; step: number | null; status: string; resolution: string | null; acknowledgedBy: string | null };
  let escalation: Esc | undefined;
  for (let i = 0; i < 100 && !escalation; i++) {
    const open = await product.api<{ items: Esc[] }>('coordinator', 'GET', '/api/escalations?status=open&limit=200');
    escalation = open.body.items.find((e) => e.caseId === cases.A.id && e.kind === 'escalation' && e.step === 0);
    if (!escalation) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(escalation, 'an escalation of the children’s case to the agency’s single point of contact');

  const page = await coordinatorPage();
  const row = page.locator(`tr[data-escalation-id="${escalation.id}"]`);
  assert.match(await row.innerText(), new RegExp(`${escape(escalation.taskName)}[\\s\\S]*${cases.A.reference}[\\s\\S]*Northshire Housing[\\s\\S]*Step 1 → the agency’s single point of contact[\\s\\S]*still not completed[\\s\\S]*Due[\\s\\S]*Escalated[\\s\\S]*working day`));
  assert.match(await row.innerText(), /Open/);
  await screenshot(page, 'coordinator-escalations');

  // keyboard only: acknowledge, then resolve with what was done and a note
  await page.locator('main h1').focus();
  const mine = (el: { text: string }) => el.text.includes(cases.A.reference) && el.text.includes('Step 1 →') && el.text.includes(escalation!.taskName);
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Acknowledge') && mine(el), 300);
  await page.keyboard.press('Enter');
  await page.getByTestId('escalation-status').filter({ hasText: `Acknowledged: ${escalation.taskName}, ${cases.A.reference}.` }).waitFor();
  await row.getByRole('button', { name: /^Acknowledge/ }).waitFor({ state: 'detached' });
  assert.match(await row.innerText(), /Acknowledged/);
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Resolve…') && mine(el), 300);
  await page.keyboard.press('Enter');
  // the form opens under the row with the focus on its first field
  await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT' && (document.activeElement as HTMLSelectElement).name === 'resolution');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Agency chased by phone; task now in hand (synthetic).');
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Resolve escalation', 5);
  await screenshot(page, 'coordinator-escalation-resolve');
  await page.keyboard.press('Enter');
  await page.getByTestId('escalation-status').filter({ hasText: `Resolved: ${escalation.taskName}, ${cases.A.reference} (Agency chased).` }).waitFor();
  const after = await product.api<Esc>('coordinator', 'GET', `/api/escalations/${escalation.id}`);
  assert.equal(after.body.status, 'resolved');
  assert.equal(after.body.resolution, 'chased');
  assert.equal(after.body.acknowledgedBy, 'u-coordinator');
  // it has left the open queue and is listed with the resolved ones
  await row.waitFor({ state: 'detached' });
  await page.getByRole('group', { name: 'Show escalations' }).getByRole('button', { name: 'Resolved' }).click();
  await row.waitFor();
  assert.match(await row.innerText(), /Resolved[\s\S]*Agency chased/);

  // the pattern-of-misses flags: the API's, by agency name
  const flags = await product.api<{ agencyId: string; misses: number; quarter: string }[]>('coordinator', 'GET', '/api/escalations/flags');
  assert.equal(flags.status, 200);
  if (flags.body.length === 0) await page.getByText('No agency is flagged.').waitFor();
  else {
    const rows = await page.locator('[data-testid="flags-table"] tbody tr').allInnerTexts();
    assert.equal(rows.length, flags.body.length);
    const housing = flags.body.find((f) => f.agencyId === 'agency-housing');
    if (housing) assert.ok(rows.some((r) => r.includes('Northshire Housing') && r.includes(housing.quarter) && r.includes(String(housing.misses))), rows.join('\n'));
  }
  assert.doesNotMatch(await page.locator('main').innerText(), PERSONAL);
  await noSeriousViolations(page, 'coordinator page (escalations)');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('the action plan captured at the meeting becomes an action task in the owning agency’s inbox', async () => {
  // the list circulated; the meeting starts with the research cut short: the meeting task opens
  await complete(product, 'coordinator', cases.A, 'CirculateList', { researchAgencies: ['police'] });
  await openTask(product, 'coordinator', cases.A.id, 'HoldMeeting');

  const page = await coordinatorPage();
  await page.locator('#plan-heading').scrollIntoViewIfNeeded();
  // the children's case is the first on the plan
  assert.equal(await page.locator('#ap-case').inputValue(), cases.A.id);
  // an action needs a description and an owner
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.locator('#ap-description[aria-invalid="true"]').waitFor();
  assert.match(await page.locator('#ap-description-error').innerText(), /Describe the action/);
  assert.match(await page.locator('#ap-agency-error').innerText(), /agency that owns/);

  const due = isoDay(new Date(Date.parse(`${listing.meetingDate}T12:00:00Z`) + 7 * 86_400_000));
  await page.locator('#ap-description').fill('Synthetic action: review the tenancy security');
  await page.locator('#ap-agency').selectOption({ label: 'Northshire Housing' });
  await page.locator('#ap-due').fill(due);
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByTestId('plan-status').filter({ hasText: `Action added for ${cases.A.reference}: owned by Northshire Housing` }).waitFor();
  await page.locator('#ap-description').fill('Synthetic action: flag the address for an urgent response');
  await page.locator('#ap-agency').selectOption({ label: 'Northshire Police' });
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByTestId('plan-status').filter({ hasText: 'owned by Northshire Police' }).waitFor();
  const drafts = await page.locator('[data-testid="plan-table"] tbody tr').allInnerTexts();
  assert.equal(drafts.length, 2);
  assert.ok(drafts.every((d) => /Draft/.test(d)), drafts.join('\n'));
  assert.match(await page.getByTestId('plan-count').innerText(), /^2 actions captured here/);
  await screenshot(page, 'coordinator-action-plan-drafts');

  await page.getByRole('button', { name: /^Submit the plan to the pathway/ }).click();
  const status = page.getByTestId('plan-status').filter({ hasText: `Plan for ${cases.A.reference} submitted: 2 actions issued to` });
  await status.waitFor();
  assert.match(await status.innerText(), /Northshire Housing \(due [^)]+\), Northshire Police \(due [^)]+\)/);
  assert.ok((await page.locator('[data-testid="plan-table"] tbody tr').allInnerTexts()).every((d) => /Issued/.test(d)));
  // the agenda now shows the case as heard
  await page.locator(`[data-testid="agenda-case"][data-case-reference="${cases.A.reference}"]`, { hasText: 'heard' }).waitFor();
  await noSeriousViolations(page, 'coordinator page (action plan)');
  await screenshot(page, 'coordinator-action-plan-submitted');
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();

  // one task per action, in the owning agency's inbox
  const task = await openTask(product, 'housing', cases.A.id, 'CompleteAction');
  assert.equal(task.agencyId, 'agency-housing');
  const inbox = await signedInPage(browser, product, 'housing');
  await inbox.goto(`${product.url}/inbox`);
  const row = inbox.locator('tr', { hasText: 'Complete the MARAC action' }).filter({ hasText: cases.A.reference });
  await row.waitFor();
  assert.equal(await row.count(), 1, 'the housing inbox holds the housing action only');
  await screenshot(inbox, 'inbox-marac-action');
  await inbox.context().close();
});

test('200 % zoom: the coordinator page reflows, nothing is cut off', async () => {
  const page = await signedInPage(browser, product, 'coordinator', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  await page.goto(`${product.url}/coordinator`);
  await page.getByTestId('agenda').waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const cut = [...document.querySelectorAll<HTMLElement>('main *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > doc.clientWidth + 1 || r.left < -1) && !el.closest('.table-wrap');
    });
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.closest('.table-wrap'));
    return {
      scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut: cut.slice(0, 5).map((el) => `${el.tagName}.${el.className}`),
      wide: wide.slice(0, 8).map((el) => `${el.tagName}#${el.id}.${String(el.className)} ${Math.round(el.getBoundingClientRect().right)}`),
    };
  });
  await screenshot(page, 'zoom-200-coordinator');
  assert.ok(overflow.scrollWidth <= overflow.clientWidth, `the page scrolls sideways: ${overflow.scrollWidth} > ${overflow.clientWidth}: ${overflow.wide.join(', ')}`);
  assert.deepEqual(overflow.cut, []);
  await noSeriousViolations(page, 'coordinator page at 200 %');
  await page.context().close();
});

/** A KPI value as the dashboard must show it, worked out here (not with the app's formatter). */
function shown(k: { value: number | null; unit?: string }): string {
  if (k.value === null) return '—';
  if (k.unit === 'fraction') return `${(k.value * 100).toFixed(1)} %`;
  if (k.unit === 'days' || k.unit === 'hours') return `${k.value.toFixed(1)} ${k.unit}`;
  return Number.isInteger(k.value) ? String(k.value) : k.value.toFixed(2);
}

test('the KPI figures on the dashboard are the API’s for the seeded set; the quarterly return downloads as CSV', async () => {
  // the housing action is done; the police action stays open
  await complete(product, 'housing', cases.A, 'CompleteAction', { actionOutcome: 'completed' });

  const page = await signedInPage(browser, product, 'manager');
  await page.goto(`${product.url}/dashboard`);
  await page.getByTestId('kpi-headline').waitFor();
  await page.locator('[data-testid="heat-map"] svg').first().waitFor();
  const from = await page.locator('#f-from').inputValue();
  const to = await page.locator('#f-to').inputValue();
  type Rate = { hits: number; total: number; rate: number | null };
  type Report = {
    kpis: { key: string; label: string; value: number | null; unit?: string }[];
    summary: { cases: number; referralsBySource: Record<string, number>; actionCompletion: Record<string, number | null> };
    slaBreach: { byAgency: Record<string, Rate>; byTask: Record<string, Rate> };
  };
  const api = await product.api<Report>('manager', 'GET', `/api/kpis?from=${from}&to=${to}`);
  assert.equal(api.status, 200, api.text);
  const r = api.body;

  // every headline measure as the API gives it
  const headline = await page.locator('[data-testid="kpi-headline"] tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [(tr as HTMLElement).dataset.kpi, tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]),
  );
  assert.deepEqual(headline, r.kpis.map((k) => [k.key, k.label, shown(k)]));
  // and what this set fixes, worked out by hand: 4 referrals, 1 by the police, 1 confirmed repeat,
  // 1 BME victim, 1 male victim; two actions of which one completed and one open
  const value = (key: string) => headline.find((h) => h[0] === key)?.[2];
  assert.equal(value('cases'), '4');
  assert.equal(value('casesPer10kAdultFemales'), '0.80');
  assert.equal(value('repeatRate'), '25.0 %');
  assert.equal(value('partnerAgencyShare'), '75.0 %');
  assert.equal(value('bme'), '25.0 %');
  assert.equal(value('male'), '25.0 %');
  assert.equal(value('actionCompletionRate'), '100.0 %');
  assert.equal(value('agencyCompletionRate'), '100.0 %');
  assert.match(value('daysReferralToMeetingMedian') ?? '', /^\d+\.\d days$/);

  // referrals by source: the API's counts
  const sources = await page.locator('[data-testid="kpi-sources"] tbody tr').evaluateAll((rows) => rows.map((tr) => [(tr as HTMLElement).dataset.source, tr.querySelector('td')?.textContent]));
  assert.deepEqual(Object.fromEntries(sources), Object.fromEntries(Object.entries(r.summary.referralsBySource).map(([k, n]) => [k, String(n)])));
  assert.deepEqual(Object.fromEntries(sources), { housing: '3', police: '1' });
  // action completion: "not possible" apart from "did not act"
  const actions = await page.locator('[data-testid="kpi-actions"] tbody tr[data-outcome]').evaluateAll((rows) => rows.map((tr) => [(tr as HTMLElement).dataset.outcome, tr.querySelector('td')?.textContent]));
  assert.deepEqual(actions, [['completed', '1'], ['notPossibleChangeInCircumstance', '0'], ['agencyDidNotAct', '0'], ['open', '1']]);
  // SLA breaches by agency and by task: hits of total as the API counts them
  const rates = (id: string) =>
    page.locator(`[data-testid="${id}"] tbody tr`).evaluateAll((rows) => rows.map((tr) => [(tr as HTMLElement).dataset.key, tr.querySelectorAll('td')[0]?.textContent]));
  const expected = (by: Record<string, Rate>) => Object.fromEntries(Object.entries(by).map(([k, x]) => [k, `${x.hits} of ${x.total}`]));
  assert.deepEqual(Object.fromEntries(await rates('kpi-sla-agency')), expected(r.slaBreach.byAgency));
  assert.deepEqual(Object.fromEntries(await rates('kpi-sla-task')), expected(r.slaBreach.byTask));
  assert.match(await page.locator('[data-testid="kpi-sla-agency"] tr[data-key="housing"] th').innerText(), /Northshire Housing/);
  assert.ok(await page.locator('[data-testid="kpis"] .chart-canvas[role="img"]').count() >= 5, 'charts beside the tables');
  // the agencies flagged to the steering group, as the API lists them for the manager
  const flags = await product.api<{ agencyId: string }[]>('manager', 'GET', '/api/escalations/flags');
  await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading the flags'));
  assert.equal(await page.locator('[data-testid="flags-table"] tbody tr').count(), flags.body.length);

  // the quarterly return of the meeting's quarter: shown, and downloaded as the API's CSV
  const quarter = `${listing.meetingDate.slice(0, 4)}-Q${Math.ceil(Number(listing.meetingDate.slice(5, 7)) / 3)}`;
  await page.locator('#k-quarter').selectOption(quarter);
  const total = page.locator('[data-testid="quarterly-table"] tr', { hasText: 'Total' });
  await total.waitFor();
  assert.match(await total.innerText(), /^Total\s+1\s+0\s+1\s+1\s/);
  await page.getByTestId('kpis').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-kpis');
  await noSeriousViolations(page, 'dashboard with KPIs');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quarterly-csv').click()]);
  assert.equal(download.suggestedFilename(), `marac-return-${quarter}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  const fromApi = await product.api('manager', 'GET', `/api/kpis/quarterly-return.csv?quarter=${quarter}`);
  assert.equal(csv, fromApi.text);
  assert.match(csv.split(/\r?\n/)[0]!, /^MARAC,Quarter,Meeting date,Cases discussed,Repeat cases,Children in households,Referrals: police/);
  assert.match(csv, new RegExp(`^default,${quarter},${listing.meetingDate},1,0,1,`, 'm'));
  assert.doesNotMatch(csv, PERSONAL);
  assert.deepEqual(pageErrors(page).map((e) => e.message), []);
  await page.context().close();
});

test('200 % zoom: the dashboard with KPIs reflows, nothing is cut off', async () => {
  const page = await signedInPage(browser, product, 'manager', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  await page.goto(`${product.url}/dashboard`);
  await page.getByTestId('kpi-headline').waitFor();
  await page.locator('[data-testid="heat-map"] svg').first().waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const cut = [...document.querySelectorAll<HTMLElement>('main *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > doc.clientWidth + 1 || r.left < -1) && !el.closest('.table-wrap, .djs-container, .chart-canvas');
    });
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut: cut.slice(0, 5).map((el) => `${el.tagName}.${el.className}`) };
  });
  assert.ok(overflow.scrollWidth <= overflow.clientWidth, `the page scrolls sideways: ${overflow.scrollWidth} > ${overflow.clientWidth}`);
  assert.deepEqual(overflow.cut, []);
  await page.getByTestId('kpis').scrollIntoViewIfNeeded();
  await screenshot(page, 'zoom-200-dashboard-kpis');
  await noSeriousViolations(page, 'dashboard with KPIs at 200 %');
  await page.context().close();
});
