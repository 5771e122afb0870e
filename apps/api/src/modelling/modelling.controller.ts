import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DefinitionVersionsUseCase, DomainError, ErrorCode, RunSimulationUseCase, TemplatesCatalogue, ValidateDefinitionUseCase } from '@app/application';
import type { Variables } from '@app/engine';
import type { Principal } from '@app/identity';
import { Allow, COORDINATION, CurrentPrincipal } from '../security/access.decorators';
import { DefinitionKeyParamDto, DefinitionVersionParamDto, DeployWithNoteDto, SimulationDto, TemplateIdParamDto } from './modelling.dto';
import { TEMPLATES } from './modelling.tokens';

/** Who may read a pathway's diagram and versions: its coordinators, and managers for the heat-map (no case data in a model). */
const DIAGRAM_READERS = [...COORDINATION, 'manager', 'steering-group'] as const;

/** The modeller's endpoints: templates, validation without deploying, deploy with a version note, versions and their XML. */
@ApiTags('modeller')
@Controller()
export class ModellingController {
  constructor(
    @Inject(TEMPLATES) private readonly templates: TemplatesCatalogue,
    private readonly validate: ValidateDefinitionUseCase,
    private readonly versions: DefinitionVersionsUseCase,
    private readonly simulate: RunSimulationUseCase,
  ) {}

  @Get('templates')
  @Allow(...COORDINATION)
  @ApiOperation({ summary: 'The pathway templates of workflows/ (starting points for the modeller).' })
  listTemplates() {
    return this.templates.list();
  }

  @Get('templates/:id')
  @Allow(...COORDINATION)
  @ApiOperation({ summary: 'One template with its BPMN XML.' })
  getTemplate(@Param() p: TemplateIdParamDto) {
    return this.templates.get(p.id);
  }

  @Post('definitions/validate')
  @HttpCode(200)
  @Allow(...COORDINATION)
  @ApiOperation({ summary: 'Compile a model as a deployment would, storing nothing: 200 `{ problems: [] }` or 422 problem+json with `problems` by element id.' })
  @ApiConsumes('application/xml')
  @ApiBody({ schema: { type: 'string' } })
  async validateDefinition(@Req() req: Request) {
    const xml = typeof req.body === 'string' ? req.body : undefined;
    if (xml === undefined) throw new DomainError(ErrorCode.InvalidInput, 'send the BPMN XML as the body with Content-Type application/xml');
    return this.validate.execute(xml);
  }

  @Post('definitions/deploy')
  @Allow(...COORDINATION)
  @ApiOperation({ summary: 'Deploy from the modeller with a version note: 201 the new version, 200 when the model is unchanged, 422 with the compile problems.' })
  async deployWithNote(@CurrentPrincipal() p: Principal, @Body() dto: DeployWithNoteDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.versions.deployWithNote(p, dto.xml, dto.note);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get('definitions/:key/versions')
  @Allow(...DIAGRAM_READERS)
  @ApiOperation({ summary: 'The versions of a pathway, newest first, with their notes.' })
  listVersions(@CurrentPrincipal() p: Principal, @Param() a: DefinitionKeyParamDto) {
    return this.versions.list(p, a.key);
  }

  @Get('definitions/:key/versions/:version')
  @Allow(...DIAGRAM_READERS)
  @ApiOperation({ summary: 'One version of a pathway with its BPMN XML (for the visual diff and the heat-map).' })
  getVersion(@CurrentPrincipal() p: Principal, @Param() a: DefinitionVersionParamDto) {
    return this.versions.get(p, a.key, a.version);
  }

  @Post('simulations')
  @HttpCode(200)
  @Allow(...COORDINATION)
  @ApiOperation({ summary: 'Dry-run a model on the engine\'s simulator (virtual clock, tasks completed with the least valid output unless given, bounded in steps and time). Nothing is stored.' })
  runSimulation(@Body() dto: SimulationDto) {
    return this.simulate.execute({
      xml: dto.xml,
      ...(dto.variables ? { variables: dto.variables as Variables } : {}),
      ...(dto.completions ? { completions: dto.completions as Record<string, Variables[]> } : {}),
      ...(dto.until ? { until: dto.until } : {}),
    });
  }
}
