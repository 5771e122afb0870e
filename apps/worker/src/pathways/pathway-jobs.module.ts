/**
 * The worker's side of the partnership pathways (issue 5): the service tasks the templates call
 * (referrals and notifications between agencies, the transmission to the prosecutor, the action
 * status request, re-listing a repeat), each recorded in the audit log with ids only; and the
 * sweep that flags agencies with a pattern of missed deadlines to the steering group.
 */
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { archiveCase, PartnershipContextProvider, relistRepeat, RUNTIME, ReviewAgencyMissesUseCase, type RuntimeServices, type ServiceCall } from '@app/application';
import { AuditLog } from '@app/audit';

/** Service task types of the templates in workflows/ and what each records. */
export const PATHWAY_SERVICE_TYPES: Record<string, string> = {
  'refer-to-idva': 'referral sent to the IDVA service',
  'request-action-status': 'action owners asked for their status before the next meeting',
  'start-repeat-referral': 'repeat referral re-listed for the next meeting',
  'notify-child-welfare': 'child welfare notified',
  'notify-review-deadline': 'reviewing authority reminded of its deadline',
  'notify-victim-service': 'victim service notified',
  'refer-perpetrator-neustart': 'perpetrator referred to Neustart',
  'transmit-to-prosecutor': 'complaint and risk assessment transmitted to the public prosecutor',
  'archive-case': 'case archived: no new incident within 12 months of the last referral',
};

@Injectable()
export class PathwayServiceHandlers implements OnModuleInit {
  private readonly audit: AuditLog;

  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {
    this.audit = new AuditLog(rt.db.pool, rt.clock);
  }

  onModuleInit(): void {
    const contexts = (this.rt as RuntimeServices & { contexts?: PartnershipContextProvider }).contexts ?? new PartnershipContextProvider(this.rt.db.pool, this.rt.log);
    for (const [type, what] of Object.entries(PATHWAY_SERVICE_TYPES)) {
      if (this.rt.services.get(type)) continue;
      this.rt.services.register(type, async (call) => {
        // A confirmed repeat goes back on the next meeting's list; an archived case is closed.
        const detail = type === 'start-repeat-referral' ? { meetingDate: (await relistRepeat(this.rt.db, contexts, call.instanceId, this.rt.clock.now())).meetingDate }
          : type === 'archive-case' ? { archived: (await archiveCase(this.rt.db, call.instanceId, this.rt.clock.now())).archived } : {};
        return this.record(call, what, detail);
      });
    }
  }

  private async record(call: ServiceCall, what: string, extra: Record<string, unknown> = {}): Promise<Record<string, never>> {
    const r = await this.rt.db.query(
      `SELECT i.partnership_id, c.id AS case_id, c.reference FROM instances i LEFT JOIN cases c ON c.partnership_id = i.partnership_id AND c.reference = i.business_key WHERE i.id = $1`,
      [call.instanceId],
    );
    const row = r[0];
    await this.audit.record({
      who: { userId: 'system', partnershipId: (row?.partnership_id as string | undefined) ?? null, roles: ['system'] },
      action: `pathway.${call.taskType}`, outcome: 'allowed', caseId: (row?.case_id as string | null) ?? null, caseReference: (row?.reference as string | null) ?? null,
      target: `instance:${call.instanceId}/${call.elementId}`, purpose: what, detail: { attempt: call.attempt, ...extra },
    });
    return {};
  }
}

@Injectable()
export class AgencyMissesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgencyMisses');
  readonly review: ReviewAgencyMissesUseCase;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(RUNTIME) rt: RuntimeServices) {
    const contexts = (rt as RuntimeServices & { contexts?: PartnershipContextProvider }).contexts ?? new PartnershipContextProvider(rt.db.pool, rt.log);
    this.review = new ReviewAgencyMissesUseCase(rt.db, contexts, rt.clock);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), 300_000);
    this.timer.unref();
  }

  async tick(): Promise<number> {
    const run = this.review.reviewAll().catch((err: Error) => {
      this.logger.warn(`review of missed deadlines failed: ${err.message}`);
      return 0;
    });
    this.running = run;
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

@Module({ providers: [PathwayServiceHandlers, AgencyMissesScheduler], exports: [AgencyMissesScheduler] })
export class PathwayJobsModule {}
