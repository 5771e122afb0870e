import { Module } from '@nestjs/common';
import type { CaseAccessService } from '@app/access';
import { CompleteTaskUseCase, RUNTIME, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { CasesService } from '@app/cases';
import type { FieldCipher } from '@app/identity';
import { EscalationsController } from '../escalations/escalations.controller';
import { EscalationsService } from '../escalations/escalations.service';
import { IntakeController } from '../intake/intake.controller';
import { IntakeService } from '../intake/intake.service';
import { KpisController } from '../kpis/kpis.controller';
import { KpisService } from '../kpis/kpis.service';
import { MeetingsController } from '../meetings/meetings.controller';
import { MeetingsService } from '../meetings/meetings.service';
import { AUDIT, CASE_ACCESS, CASES, CIPHER } from '../security/security.tokens';
import { contextsOf, PATHWAY_CONTEXTS } from './pathway-support';
import { PathwaysController } from './pathways.controller';

/**
 * Issue 5 on the API: referral intake with repeat proposals, SLA escalations and the
 * pattern-of-misses flags, MARAC meetings (calendar, listing, agenda, action plan, minutes),
 * partnership KPIs and the pathways' parameters. Every route sits behind sign-in and the access
 * layer (SecurityModule's guard, tokens and services are global).
 */
@Module({
  controllers: [IntakeController, EscalationsController, MeetingsController, KpisController, PathwaysController],
  providers: [
    { provide: PATHWAY_CONTEXTS, inject: [RUNTIME], useFactory: (rt: RuntimeServices) => contextsOf(rt) },
    { provide: EscalationsService, inject: [RUNTIME, PATHWAY_CONTEXTS, AUDIT], useFactory: (rt: RuntimeServices, c: PartnershipContextProvider, a: AuditLog) => new EscalationsService(rt, c, a) },
    { provide: KpisService, inject: [RUNTIME, PATHWAY_CONTEXTS, AUDIT], useFactory: (rt: RuntimeServices, c: PartnershipContextProvider, a: AuditLog) => new KpisService(rt, c, a) },
    {
      provide: MeetingsService, inject: [RUNTIME, PATHWAY_CONTEXTS, CASE_ACCESS, AUDIT, CIPHER, CompleteTaskUseCase],
      useFactory: (rt: RuntimeServices, c: PartnershipContextProvider, access: CaseAccessService, a: AuditLog, cipher: FieldCipher, complete: CompleteTaskUseCase) => new MeetingsService(rt, c, access, a, cipher, complete),
    },
    {
      provide: IntakeService, inject: [RUNTIME, PATHWAY_CONTEXTS, CASES, AUDIT, CIPHER, CompleteTaskUseCase],
      useFactory: (rt: RuntimeServices, c: PartnershipContextProvider, cases: CasesService, a: AuditLog, cipher: FieldCipher, complete: CompleteTaskUseCase) => new IntakeService(rt, c, cases, a, cipher, complete),
    },
  ],
  exports: [PATHWAY_CONTEXTS, IntakeService, MeetingsService, EscalationsService, KpisService],
})
export class PathwaysApiModule {}
