import { CompleteTaskUseCase, DomainError, ErrorCode, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { CasesService, ReferralInput } from '@app/cases';
import type { FormField, Variables } from '@app/engine';
import type { FieldCipher, Principal } from '@app/identity';
import {
  DashAnswerError, evaluateMaracCriteria, localDate, matacCandidates, minusMonths, PROFESSIONAL_JUDGEMENT_REASONS, proposeRepeatMatches, REFERRING_AGENCIES, scoreDash,
  type CaseRecord, type DashAnswers, type MaracCriteriaParams, type MaracCriteriaResult, type PersonRecord, type ProfessionalJudgementReason,
} from '@app/pathways';
import { who } from '../pathways/pathway-support';
import { ageBand, ageOn, monitoringGender, personRecordOf, safeLivesAgencyKind } from './repeat-detection.util';

/**
 * Referral intake into the pathway: the referral form with the DASH answers and the referral
 * criteria inputs. The DASH is scored and the criteria evaluated with the partnership's
 * parameters (libs/pathways), the case is recorded by the access layer's case service (people
 * encrypted) and its pathway started with the case reference as business key and decision data
 * only (scores, coded reasons, flags, dates, counts); the referrer's checklist task is submitted
 * with that data, so nothing is keyed twice. Monitoring data for the SafeLives dataset is kept
 * apart (bands and flags, no identities). Repeat detection matches the victim and perpetrator
 * against the partnership's cases of the repeat window and stores proposals; a coordinator
 * confirms or rejects each before any cases are linked.
 */
export interface IntakeInput extends ReferralInput {
  dashAnswers?: Record<string, 'yes' | 'no' | 'not-known'>;
  referralDate?: string;
  professionalJudgement?: boolean;
  professionalJudgementReasons?: string[];
  policeIncidentDates?: string[];
  lastMaracReferralDate?: string;
  victimSelfHarmRisk?: boolean;
  imminentRisk?: boolean;
  victimInformed?: 'yes' | 'no-not-safe' | 'no-other-reason';
  submitChecklist?: boolean;
  monitoring?: {
    referringAgencyType?: string;
    victimGender?: 'female' | 'male' | 'other' | 'unknown';
    victimAge?: number;
    bme?: boolean;
    lgbt?: boolean;
    disability?: boolean;
    perpetratorAges?: number[];
  };
}

export interface IntakeResult {
  id: string;
  reference: string;
  instanceId: number | null;
  created: boolean;
  dash: { score: number; band: string; prompts: string[]; clusterOfThree: boolean } | null;
  criteria: MaracCriteriaResult | null;
  checklistSubmitted: boolean;
  repeatProposals: number;
}

const CHECKLIST_TASKS = ['CompleteRiskChecklist'];
const DEDUPE_TASKS = ['DedupeAndRepeatCheck'];
const COORDINATOR_ROLES = ['partnership-coordinator', 'marac-coordinator'];

export class IntakeService {
  constructor(
    private readonly rt: RuntimeServices,
    private readonly contexts: PartnershipContextProvider,
    private readonly cases: CasesService,
    private readonly audit: AuditLog,
    private readonly cipher: FieldCipher,
    private readonly completeTask: CompleteTaskUseCase,
  ) {}

  async refer(p: Principal, input: IntakeInput): Promise<IntakeResult> {
    const now = this.rt.clock.now();
    const settings = await this.contexts.settings(p.partnershipId);
    const tz = settings?.timeZone ?? 'UTC';
    const referralDate = input.referralDate ?? localDate(now, tz);
    const params = await this.contexts.params(p.partnershipId, input.pathway, now);
    const problems: { field: string; message: string }[] = [];
    for (const r of input.professionalJudgementReasons ?? []) {
      if (!(PROFESSIONAL_JUDGEMENT_REASONS as readonly string[]).includes(r)) problems.push({ field: 'professionalJudgementReasons', message: `unknown coded reason ${r}` });
    }
    if (input.monitoring?.referringAgencyType && !(REFERRING_AGENCIES as readonly string[]).includes(input.monitoring.referringAgencyType)) {
      problems.push({ field: 'monitoring.referringAgencyType', message: `must be one of ${REFERRING_AGENCIES.join(', ')}` });
    }
    let dash: IntakeResult['dash'] = null;
    let dashScore = input.dashScore;
    if (input.dashAnswers) {
      try {
        const answers: DashAnswers = {};
        for (const [k, v] of Object.entries(input.dashAnswers)) answers[Number(k)] = v;
        const bands = { mediumFrom: Number(params.mediumFrom ?? 10), highFrom: Number(params.highFrom ?? 14) };
        const r = scoreDash(answers, bands);
        dash = { score: r.score, band: r.band, prompts: r.prompts, clusterOfThree: r.clusterOfThree };
        if (dashScore !== undefined && dashScore !== r.score) problems.push({ field: 'dashScore', message: `the answers score ${r.score}, not ${dashScore}` });
        dashScore = r.score;
      } catch (err) {
        if (err instanceof DashAnswerError) problems.push({ field: 'dashAnswers', message: err.message });
        else throw err;
      }
    }
    let criteria: MaracCriteriaResult | null = null;
    const hasCriteria = typeof params.dashThreshold === 'number';
    if (hasCriteria && problems.length === 0) {
      criteria = evaluateMaracCriteria({
        dashScore: dashScore ?? 0, professionalJudgement: input.professionalJudgement === true,
        professionalJudgementReasons: (input.professionalJudgementReasons ?? []) as ProfessionalJudgementReason[],
        policeIncidentDates: input.policeIncidentDates ?? [], referralDate, lastMaracReferralDate: input.lastMaracReferralDate ?? null, victimSelfHarmRisk: input.victimSelfHarmRisk === true,
      }, params as unknown as MaracCriteriaParams);
      // Domain §2.3: professional judgement may be the only ground, but its reasons must be stated.
      for (const e of criteria.errors) problems.push({ field: 'professionalJudgementReasons', message: e === 'professional-judgement-needs-reasons' ? 'professional judgement needs its reasons (coded)' : e });
    }
    if (problems.length > 0) throw new DomainError(ErrorCode.InvalidInput, 'the referral form is incomplete', problems);

    const agency = p.agencyId ? (await this.rt.db.query('SELECT type FROM agencies WHERE id = $1', [p.agencyId]))[0] : undefined;
    const referringAgencyType = input.monitoring?.referringAgencyType ?? safeLivesAgencyKind(agency ? String(agency.type) : null);
    const decision: Variables = {
      ...(input.variables ?? {}),
      referralDate,
      referringAgencyType,
      ...(dashScore !== undefined ? { dashScore } : {}),
      ...(dash ? { dashBand: dash.band, dashPrompts: dash.prompts, clusterOfThree: dash.clusterOfThree } : {}),
      professionalJudgement: input.professionalJudgement === true,
      professionalJudgementReasons: input.professionalJudgementReasons ?? [],
      policeIncidentDates: input.policeIncidentDates ?? [],
      ...(input.lastMaracReferralDate ? { lastMaracReferralDate: input.lastMaracReferralDate } : {}),
      victimSelfHarmRisk: input.victimSelfHarmRisk === true,
      imminentRisk: input.imminentRisk === true,
      victimInformed: input.victimInformed ?? 'yes',
      perpetratorCount: (input.perpetrators ?? []).length,
      ...(criteria ? {
        maracRoute: criteria.route, meetsMaracCriteria: criteria.meetsMarac, visibleHighRisk: criteria.visibleHighRisk, potentialEscalation: criteria.potentialEscalation,
        policeIncidentsInWindow: criteria.policeIncidentsInWindow, repeatWithinWindow: criteria.repeat,
      } : {}),
    };
    const referral: ReferralInput = {
      idempotencyKey: input.idempotencyKey, pathway: input.pathway, consent: input.consent, victim: input.victim,
      ...(input.lawfulBasis !== undefined ? { lawfulBasis: input.lawfulBasis } : {}),
      ...(input.sharingPurpose !== undefined ? { sharingPurpose: input.sharingPurpose } : {}),
      ...(input.adequateRelevantLimited !== undefined ? { adequateRelevantLimited: input.adequateRelevantLimited } : {}),
      ...(input.perpetrators ? { perpetrators: input.perpetrators } : {}),
      ...(input.children ? { children: input.children } : {}),
      ...(input.dash || input.dashAnswers ? { dash: { ...(input.dash ?? {}), ...(input.dashAnswers ? { answers: input.dashAnswers } : {}) } } : {}),
      ...(dashScore !== undefined ? { dashScore } : {}),
      ...(input.safeToCall !== undefined ? { safeToCall: input.safeToCall } : {}),
      ...(input.refugePlacement !== undefined ? { refugePlacement: input.refugePlacement } : {}),
      ...(input.childContactConditions !== undefined ? { childContactConditions: input.childContactConditions } : {}),
      ...(input.notSafeToTalkToUserIds ? { notSafeToTalkToUserIds: input.notSafeToTalkToUserIds } : {}),
      variables: decision,
    };
    const made = await this.cases.refer(p, referral);
    // Monitoring figures the form gives, else read from the referral's own identities (no double keying).
    const m = input.monitoring ?? {};
    const perpAges = m.perpetratorAges ?? (input.perpetrators ?? []).map((x) => ageOn(x, referralDate)).filter((a): a is number => a !== null);
    const victimGender = m.victimGender ?? monitoringGender(input.victim.identity) ?? 'unknown';
    const victimAge = m.victimAge ?? ageOn(input.victim.identity, referralDate) ?? undefined;
    await this.rt.db.query(
      `INSERT INTO case_monitoring (case_id, partnership_id, pathway, referral_date, received_at, referring_agency_kind, dash_score, criteria, is_repeat, victim_gender, victim_age_band,
         bme, lgbt, disability, perpetrators_under_18, perpetrator_count, children_count)
       SELECT c.id, c.partnership_id, c.pathway, $2, c.opened_at, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM cases c WHERE c.id = $1
       ON CONFLICT (case_id) DO NOTHING`,
      [made.id, referralDate, referringAgencyType, dashScore ?? null, JSON.stringify(criteria ?? {}), criteria?.repeat === true, victimGender, ageBand(victimAge),
        m.bme ?? null, m.lgbt ?? null, m.disability ?? null, perpAges.filter((a) => a < 18).length, (input.perpetrators ?? []).length, (input.children ?? []).length],
    );
    let checklistSubmitted = false;
    if (made.created && input.submitChecklist !== false) {
      checklistSubmitted = await this.submitChecklist(p, made.id, {
        ...decision, childrenInHousehold: (input.children ?? []).length, safeToCall: input.safeToCall ?? true,
      });
    }
    const repeatProposals = made.created ? await this.detectRepeats(p, made.id, referralDate, input, params) : await this.countProposals(made.id);
    return { id: made.id, reference: made.reference, instanceId: made.instanceId, created: made.created, dash, criteria, checklistSubmitted, repeatProposals };
  }

  /** Completes the referrer's checklist task with the intake's decision data, when its form is fully answered. */
  private async submitChecklist(p: Principal, caseId: string, known: Variables): Promise<boolean> {
    const t = (await this.rt.db.query(`SELECT id, assignment->'form' AS form FROM user_tasks WHERE case_id = $1 AND status = 'open' AND element_id = ANY($2) ORDER BY id LIMIT 1`, [caseId, CHECKLIST_TASKS]))[0];
    if (!t) return false;
    const form = (t.form as FormField[] | null) ?? [];
    const vars: Variables = {};
    for (const f of form) {
      const v = known[f.name];
      if (v !== undefined && v !== null) vars[f.name] = v;
      else if (f.required) return false;
    }
    await this.completeTask.execute({ actor: { userId: p.userId, partnershipId: p.partnershipId, ...(p.agencyId ? { agencyId: p.agencyId } : {}), roles: p.roles }, taskId: Number(t.id), variables: vars });
    return true;
  }

  private async countProposals(caseId: string): Promise<number> {
    const r = await this.rt.db.query('SELECT count(*)::int AS n FROM repeat_proposals WHERE case_id = $1', [caseId]);
    return Number(r[0]?.n ?? 0);
  }

  private dec(stored: unknown, table: string, column: string, id: string): Record<string, unknown> | null {
    if (typeof stored !== 'string') return null;
    try {
      return this.cipher.decrypt<Record<string, unknown>>(stored, `${table}.${column}:${id}`);
    } catch {
      return null;
    }
  }

  /**
   * Matches the new case's victim and perpetrators against the partnership's cases referred
   * within the repeat window (names and dates of birth with their variants) and stores the
   * proposals. Identities are decrypted in memory for the comparison only; the proposals hold
   * case ids, a score and coded reasons.
   */
  async detectRepeats(p: Principal, caseId: string, referralDate: string, input: { victim: { identity: Record<string, unknown> }; perpetrators?: Record<string, unknown>[] }, params: Variables): Promise<number> {
    const victim = personRecordOf(input.victim.identity);
    const perps = (input.perpetrators ?? []).map(personRecordOf).filter((x): x is PersonRecord => x !== null);
    if (!victim || perps.length === 0) return 0;
    const windowMonths = Number(params.repeatWindowMonths ?? 12) || 12;
    const since = minusMonths(referralDate, windowMonths);
    const rows = await this.rt.db.query(
      `SELECT c.id, c.opened_at, cm.referral_date::text AS referral_date, v.id AS vid, v.identity FROM cases c JOIN victims v ON v.case_id = c.id LEFT JOIN case_monitoring cm ON cm.case_id = c.id
        WHERE c.partnership_id = $1 AND c.id <> $2 AND c.anonymised_at IS NULL AND c.opened_at >= ($3::date - interval '1 day')`,
      [p.partnershipId, caseId, since],
    );
    if (rows.length === 0) return 0;
    const perpRows = await this.rt.db.query('SELECT id, case_id, identity FROM perpetrators WHERE case_id = ANY($1) ORDER BY case_id, ordinal', [rows.map((r) => String(r.id))]);
    const perpsByCase = new Map<string, PersonRecord[]>();
    for (const r of perpRows) {
      const rec = personRecordOf(this.dec(r.identity, 'perpetrators', 'identity', String(r.id)));
      if (rec) perpsByCase.set(String(r.case_id), [...(perpsByCase.get(String(r.case_id)) ?? []), rec]);
    }
    const tz = (await this.contexts.settings(p.partnershipId))?.timeZone ?? 'UTC';
    const records: CaseRecord[] = [];
    for (const r of rows) {
      const v = personRecordOf(this.dec(r.identity, 'victims', 'identity', String(r.vid)));
      const ps = perpsByCase.get(String(r.id));
      if (!v || !ps?.length) continue;
      records.push({ caseId: String(r.id), victim: v, perpetrators: ps, lastReferralDate: (r.referral_date as string | null) ?? localDate(r.opened_at as Date, tz) });
    }
    const best = new Map<string, ReturnType<typeof proposeRepeatMatches>[number]>();
    for (const perpetrator of perps) {
      for (const m of proposeRepeatMatches({ victim, perpetrator, incidentDate: referralDate }, records, { repeatWindowMonths: windowMonths })) {
        const prev = best.get(m.caseId);
        if (!prev || m.score > prev.score) best.set(m.caseId, m);
      }
    }
    const now = this.rt.clock.now();
    for (const m of best.values()) {
      await this.rt.db.query(
        `INSERT INTO repeat_proposals (partnership_id, case_id, candidate_case_id, score, reasons, within_repeat_window, days_since_last_referral, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_id, candidate_case_id) DO NOTHING`,
        [p.partnershipId, caseId, m.caseId, m.score, [...new Set([...m.victim.reasons.map((x) => `victim/${x}`), ...m.perpetrator.reasons.map((x) => `perpetrator/${x}`)])], m.withinRepeatWindow, m.daysSinceLastReferral, now],
      );
    }
    await this.audit.record({ who: { ...who(p), userId: 'system' }, action: 'case.repeat-check', outcome: 'allowed', caseId, target: `case:${caseId}`, purpose: 'repeat detection at intake (flag and tag)', detail: { compared: records.length, proposals: best.size } });
    return best.size;
  }

  // ------------------------------------------------------------------------------------------
  // Proposals for the coordinator

  private assertCoordinator(p: Principal): void {
    if (!p.roles.some((r) => COORDINATOR_ROLES.includes(r))) throw new DomainError(ErrorCode.Forbidden, 'only a coordinator confirms or rejects repeat matches');
  }

  async proposals(p: Principal, q: { status?: string; caseId?: string; limit: number; offset: number }) {
    this.assertCoordinator(p);
    const values: unknown[] = [p.partnershipId, q.status && q.status !== 'all' ? q.status : null, q.caseId ?? null];
    const where = `r.partnership_id = $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.case_id = $3)`;
    const rows = await this.rt.db.query(
      `SELECT r.*, a.reference AS case_reference, b.reference AS candidate_reference, a.opened_at AS case_opened_at, b.opened_at AS candidate_opened_at
         FROM repeat_proposals r JOIN cases a ON a.id = r.case_id JOIN cases b ON b.id = r.candidate_case_id
        WHERE ${where} ORDER BY r.id DESC LIMIT ${Number(q.limit)} OFFSET ${Number(q.offset)}`,
      values,
    );
    const total = await this.rt.db.query(`SELECT count(*)::int AS n FROM repeat_proposals r WHERE ${where}`, values);
    await this.audit.record({ who: who(p), action: 'case.repeat-proposals.list', outcome: 'allowed', detail: { count: rows.length } });
    return { items: rows.map((r) => this.view(r)), total: Number(total[0]?.n ?? 0), limit: q.limit, offset: q.offset };
  }

  private view(r: Record<string, unknown>) {
    return {
      id: Number(r.id), caseId: String(r.case_id), caseReference: String(r.case_reference), candidateCaseId: String(r.candidate_case_id), candidateReference: String(r.candidate_reference),
      score: Number(r.score), reasons: r.reasons as string[], withinRepeatWindow: Boolean(r.within_repeat_window), daysSinceLastReferral: Number(r.days_since_last_referral),
      status: String(r.status), proposedAt: (r.proposed_at as Date).toISOString(), decidedBy: (r.decided_by as string | null) ?? null, decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
    };
  }

  /**
   * Confirms (links the cases; a match within the window makes the new case a repeat) or rejects
   * a proposal. When no proposal of the case is left undecided, the case's open duplicate and
   * repeat check task is completed with the outcome.
   */
  async decide(p: Principal, id: number, confirm: boolean) {
    this.assertCoordinator(p);
    const now = this.rt.clock.now();
    const r = await this.rt.db.tx(async (c) => {
      const row = (await c.query('SELECT * FROM repeat_proposals WHERE id = $1 AND partnership_id = $2 FOR UPDATE', [id, p.partnershipId])).rows[0];
      if (!row) throw new DomainError(ErrorCode.NotFound, `repeat proposal ${id} not found`);
      if (row.status !== 'proposed') throw new DomainError(ErrorCode.Conflict, `repeat proposal ${id} is already ${String(row.status)}`);
      await c.query('UPDATE repeat_proposals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [id, confirm ? 'confirmed' : 'rejected', p.userId, now]);
      if (confirm) {
        for (const [a, b] of [[row.case_id, row.candidate_case_id], [row.candidate_case_id, row.case_id]]) {
          await c.query(`INSERT INTO case_links (case_id, linked_case_id, partnership_id, kind, proposal_id, confirmed_by, confirmed_at) VALUES ($1, $2, $3, 'repeat', $4, $5, $6) ON CONFLICT DO NOTHING`, [a, b, p.partnershipId, id, p.userId, now]);
        }
        if (row.within_repeat_window) await c.query('UPDATE case_monitoring SET is_repeat = true WHERE case_id = $1', [row.case_id]);
      }
      await this.audit.record({ who: who(p), action: confirm ? 'case.repeat.confirm' : 'case.repeat.reject', outcome: 'allowed', caseId: String(row.case_id), target: `case:${String(row.candidate_case_id)}`, detail: { proposal: id, score: Number(row.score) } }, c);
      return row as Record<string, unknown>;
    });
    const caseId = String(r.case_id);
    const pending = await this.rt.db.query(`SELECT count(*)::int AS n FROM repeat_proposals WHERE case_id = $1 AND status = 'proposed'`, [caseId]);
    let taskCompleted = false;
    if (Number(pending[0]?.n ?? 0) === 0) {
      const confirmed = await this.rt.db.query(
        `SELECT b.reference, r.within_repeat_window FROM repeat_proposals r JOIN cases b ON b.id = r.candidate_case_id WHERE r.case_id = $1 AND r.status = 'confirmed' ORDER BY r.score DESC LIMIT 1`, [caseId],
      );
      const t = (await this.rt.db.query(`SELECT id FROM user_tasks WHERE case_id = $1 AND status = 'open' AND element_id = ANY($2) ORDER BY id LIMIT 1`, [caseId, DEDUPE_TASKS]))[0];
      if (t) {
        const isRepeat = Boolean(confirmed[0]?.within_repeat_window);
        await this.completeTask.execute({
          actor: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles }, taskId: Number(t.id),
          variables: { isRepeat, ...(confirmed[0] ? { linkedCaseRef: String(confirmed[0].reference) } : {}) },
        });
        taskCompleted = true;
      }
    }
    const row = (await this.rt.db.query(
      `SELECT r.*, a.reference AS case_reference, b.reference AS candidate_reference FROM repeat_proposals r JOIN cases a ON a.id = r.case_id JOIN cases b ON b.id = r.candidate_case_id WHERE r.id = $1`, [id],
    ))[0]!;
    return { ...this.view(row), dedupeTaskCompleted: taskCompleted };
  }

  /**
   * MATAC candidates (domain §4.6, scenario 28): the same perpetrator (name and date-of-birth
   * variants tolerated) across the partnership's cases of the last `years` with two or more
   * different victims. Identities are compared in memory; the answer holds case references only,
   * a proposal for the coordinator (and an input to the RFG ranking), never a link.
   */
  async matac(p: Principal, years = 3) {
    this.assertCoordinator(p);
    const since = new Date(this.rt.clock.now().getTime() - years * 365.25 * 86_400_000);
    const rows = await this.rt.db.query(
      `SELECT c.id, c.reference, v.id AS vid, v.identity FROM cases c JOIN victims v ON v.case_id = c.id WHERE c.partnership_id = $1 AND c.anonymised_at IS NULL AND c.opened_at >= $2`,
      [p.partnershipId, since],
    );
    const perpRows = rows.length ? await this.rt.db.query('SELECT id, case_id, identity FROM perpetrators WHERE case_id = ANY($1)', [rows.map((r) => String(r.id))]) : [];
    const perps = new Map<string, PersonRecord[]>();
    for (const r of perpRows) {
      const rec = personRecordOf(this.dec(r.identity, 'perpetrators', 'identity', String(r.id)));
      if (rec) perps.set(String(r.case_id), [...(perps.get(String(r.case_id)) ?? []), rec]);
    }
    const records: CaseRecord[] = [];
    const refs = new Map<string, string>();
    for (const r of rows) {
      const v = personRecordOf(this.dec(r.identity, 'victims', 'identity', String(r.vid)));
      const ps = perps.get(String(r.id));
      if (!v || !ps?.length) continue;
      refs.set(String(r.id), String(r.reference));
      records.push({ caseId: String(r.id), victim: v, perpetrators: ps, lastReferralDate: '1970-01-01' });
    }
    const groups = matacCandidates(records);
    await this.audit.record({ who: who(p), action: 'case.matac-candidates', outcome: 'allowed', purpose: 'MATAC candidate flag (perpetrator with several victims)', detail: { compared: records.length, groups: groups.length } });
    return groups.map((g) => ({ caseIds: g.caseIds, caseReferences: g.caseIds.map((id) => refs.get(id)!), victimCount: g.victimCount, requiresConfirmation: true }));
  }

  /** The cases linked to a case (confirmed repeats). */
  async links(p: Principal, caseId: string) {
    this.assertCoordinator(p);
    const rows = await this.rt.db.query(
      `SELECT l.linked_case_id, c.reference, l.kind, l.confirmed_at FROM case_links l JOIN cases c ON c.id = l.linked_case_id WHERE l.case_id = $1 AND l.partnership_id = $2 ORDER BY l.confirmed_at`,
      [caseId, p.partnershipId],
    );
    return rows.map((r) => ({ caseId: String(r.linked_case_id), caseReference: String(r.reference), kind: String(r.kind), confirmedAt: (r.confirmed_at as Date).toISOString() }));
  }
}
