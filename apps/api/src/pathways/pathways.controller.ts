import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DomainError, ErrorCode, pathwayParams, RUNTIME, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Variables } from '@app/engine';
import type { Principal } from '@app/identity';
import { TEMPLATES, TemplateParameterError } from '@app/pathways';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT } from '../security/security.tokens';
import { PATHWAY_CONTEXTS, who } from './pathway-support';

export class PathwayKeyParamDto {
  @ApiProperty({ example: 'marac-safelives' }) @Matches(/^[A-Za-z_][\w.-]{0,200}$/) key!: string;
}
export class PathwayParametersDto {
  @ApiPropertyOptional({ description: 'A variant of the template (e.g. cambridgeshire, kent, SI)' }) @IsOptional() @IsString() @Length(1, 60) variant?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Overrides of single parameters' }) @IsOptional() @IsObject() values?: Variables;
}

/**
 * The partnership's pathways: each template's parameters with the partnership's variant and
 * overrides (what the engine sees as `params`). (Waiting times per element: issue 6's statistics.)
 */
@ApiTags('pathways')
@Controller('pathways')
export class PathwaysController {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    @Inject(PATHWAY_CONTEXTS) private readonly contexts: PartnershipContextProvider,
    @Inject(AUDIT) private readonly audit: AuditLog,
  ) {}

  @Get()
  @Allow(...CASE_WORKERS, 'administrator', 'manager', 'steering-group')
  @ApiOperation({ summary: 'The pathway templates with their parameters, variants and the partnership\'s choice.' })
  async list(@CurrentPrincipal() p: Principal) {
    const settings = await this.contexts.settings(p.partnershipId);
    return TEMPLATES.map((t) => ({
      id: t.id, title: t.title, jurisdictions: t.jurisdictions, variants: Object.keys(t.variants),
      selected: settings?.parameters?.[t.id] ?? null,
      parameters: t.parameters.map((d) => ({ name: d.name, type: d.type, default: d.default, status: d.status, description: d.description, ...(d.unit ? { unit: d.unit } : {}), ...(d.options ? { options: d.options } : {}) })),
    }));
  }

  @Get(':key/parameters')
  @Allow(...CASE_WORKERS, 'administrator', 'manager', 'steering-group')
  @ApiOperation({ summary: 'The parameters a pathway runs with in this partnership (defaults, variant, overrides).' })
  async params(@CurrentPrincipal() p: Principal, @Param() a: PathwayKeyParamDto) {
    const settings = await this.contexts.settings(p.partnershipId);
    return { key: a.key, selected: settings?.parameters?.[a.key] ?? null, params: await this.contexts.params(p.partnershipId, a.key, this.rt.clock.now()) };
  }

  @Put(':key/parameters')
  @Allow('administrator', 'partnership-coordinator')
  @ApiOperation({ summary: 'Choose the variant and overrides of a pathway (checked against the template); running instances see them from their next step.' })
  async setParams(@CurrentPrincipal() p: Principal, @Param() a: PathwayKeyParamDto, @Body() dto: PathwayParametersDto) {
    const entry = { ...(dto.variant ? { variant: dto.variant } : {}), ...(dto.values ? { values: dto.values } : {}) };
    try {
      pathwayParams({ [a.key]: entry }, a.key);
    } catch (err) {
      if (err instanceof TemplateParameterError) throw new DomainError(ErrorCode.InvalidInput, err.message);
      throw err;
    }
    const r = await this.rt.db.query(`UPDATE partnerships SET parameters = jsonb_set(parameters, ARRAY[$2::text], $3::jsonb, true) WHERE id = $1 RETURNING id`, [p.partnershipId, a.key, JSON.stringify(entry)]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, 'partnership not found');
    this.contexts.invalidate(p.partnershipId);
    await this.audit.record({ who: who(p), action: 'pathway.parameters.update', outcome: 'allowed', target: `pathway:${a.key}`, detail: { variant: dto.variant ?? null, overrides: Object.keys(dto.values ?? {}) } });
    return this.params(p, a);
  }
}
