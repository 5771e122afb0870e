import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FormField, Variables } from '@app/engine';
import type { TaskAccessService } from '@app/access';
import { ClaimTaskUseCase, CompleteTaskUseCase, DomainError, ErrorCode, UnclaimTaskUseCase } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { CasesService } from '@app/cases';
import type { Principal } from '@app/identity';
import { IdParamDto } from '../common/pagination.dto';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT, CASES, TASK_ACCESS } from '../security/security.tokens';
import { InboxQueryDto, ReassignTaskDto } from './inbox.dto';
import { CompleteTaskDto } from './tasks.dto';

const who = (p: Principal) => ({ userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null });

/**
 * Tasks reach agencies, not people: the list is the person's agency queue (and the MARAC's own
 * tasks for its roles); claim, hand back and complete need a task of their agency or role;
 * reassignment stays within the agency unless a coordinator moves it. Forms that offer contact
 * channels only offer the victim's safe ones.
 */
@ApiTags('tasks')
@Allow(...CASE_WORKERS)
@Controller('tasks')
export class TasksController {
  constructor(
    @Inject(TASK_ACCESS) private readonly access: TaskAccessService,
    @Inject(CASES) private readonly cases: CasesService,
    @Inject(AUDIT) private readonly audit: AuditLog,
    private readonly claim: ClaimTaskUseCase,
    private readonly unclaim: UnclaimTaskUseCase,
    private readonly complete: CompleteTaskUseCase,
  ) {}

  /** The task's form with contact channels narrowed to the victim's safe ones. */
  private async safeForm(caseId: string | null, form: unknown): Promise<FormField[]> {
    const fields = (Array.isArray(form) ? form : []) as FormField[];
    if (!caseId || !fields.some((f) => f.scope === 'safe-contact' && f.type === 'enum')) return fields;
    const policy = await this.cases.channelPolicy(caseId);
    return fields.map((f) =>
      f.scope === 'safe-contact' && f.type === 'enum' && f.options
        ? { ...f, options: f.options.filter((o) => !policy.blocked.includes(o) && (!policy.allowed || policy.allowed.includes(o))) }
        : f,
    );
  }

  @Get()
  @ApiOperation({ summary: 'The inbox: tasks of the person\'s agency (and the MARAC\'s tasks for its roles), soonest due first.' })
  async listTasks(@CurrentPrincipal() p: Principal, @Query() q: InboxQueryDto) {
    const page = await this.access.list(p, { status: q.status, instanceId: q.instanceId, queue: q.queue, limit: q.limit, offset: q.offset });
    await this.audit.record({ who: who(p), action: 'task.list', outcome: 'allowed', detail: { count: page.items.length } });
    return page;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task (its form narrowed to what is safe for the case).' })
  async getTask(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    await this.access.assert(p, a.id, 'task.read', false);
    const t = await this.access.get(p, a.id);
    await this.audit.record({ who: who(p), action: 'task.read', outcome: 'allowed', caseId: t.caseId, caseReference: t.caseReference, target: `task:${a.id}` });
    return { ...t, form: await this.safeForm(t.caseId, t.form) };
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task of the agency queue (409 if someone else holds it).' })
  async claimTask(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    await this.access.assert(p, a.id, 'task.claim', true);
    await this.claim.execute(p, a.id);
    const t = await this.access.get(p, a.id);
    await this.audit.record({ who: who(p), action: 'task.claim', outcome: 'allowed', caseId: t.caseId, caseReference: t.caseReference, target: `task:${a.id}` });
    return t;
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a claimed task back to the agency queue.' })
  async unclaimTask(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto) {
    await this.access.assert(p, a.id, 'task.unclaim', true);
    await this.unclaim.execute(p, a.id);
    const t = await this.access.get(p, a.id);
    await this.audit.record({ who: who(p), action: 'task.unclaim', outcome: 'allowed', caseId: t.caseId, caseReference: t.caseReference, target: `task:${a.id}` });
    return t;
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign within the agency (SPOC or workers), or to another agency (coordinators).' })
  reassignTask(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto, @Body() dto: ReassignTaskDto) {
    return this.access.reassign(p, a.id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task with its output (422 when the output does not match the form; 409 when it is no longer open).' })
  async completeTask(@CurrentPrincipal() p: Principal, @Param() a: IdParamDto, @Body() dto: CompleteTaskDto) {
    await this.access.assert(p, a.id, 'task.complete', true);
    const t = await this.access.get(p, a.id);
    const variables = (dto.variables ?? {}) as Variables;
    const form = await this.safeForm(t.caseId, t.form);
    const unsafe = form.filter((f) => f.scope === 'safe-contact' && f.type === 'enum' && variables[f.name] !== undefined && variables[f.name] !== null && !(f.options ?? []).includes(String(variables[f.name])));
    if (unsafe.length > 0) {
      await this.audit.record({ who: who(p), action: 'task.complete', outcome: 'denied', caseId: t.caseId, caseReference: t.caseReference, target: `task:${a.id}`, purpose: 'a contact channel that is not safe for the victim' });
      throw new DomainError(ErrorCode.InvalidOutput, 'the output does not match the task form', unsafe.map((f) => ({ field: f.name, message: `${f.name}: only the victim's safe channels (${(f.options ?? []).join(', ')})` })));
    }
    const r = await this.complete.execute({ actor: p, taskId: a.id, variables });
    await this.audit.record({ who: who(p), action: 'task.complete', outcome: 'allowed', caseId: t.caseId, caseReference: t.caseReference, target: `task:${a.id}`, detail: { fields: Object.keys(variables) } });
    return r;
  }
}
