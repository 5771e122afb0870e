import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, DeployDefinitionUseCase, DomainError, ErrorCode, GetDefinitionUseCase, ListDefinitionsUseCase } from '@app/application';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdParamDto } from '../common/pagination.dto';
import { ListDefinitionsQueryDto } from './definitions.dto';
import { Allow, COORDINATION } from '../security/access.decorators';

interface UploadedBpmn {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('definitions')
@Allow(...COORDINATION)
@Controller('definitions')
export class DefinitionsController {
  constructor(
    private readonly deploy: DeployDefinitionUseCase,
    private readonly list: ListDefinitionsUseCase,
    private readonly get: GetDefinitionUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Deploy a BPMN file (multipart field `file`, or the XML as the body with Content-Type application/xml). 422 with the compile problems.' })
  @ApiConsumes('multipart/form-data', 'application/xml')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 50 * 1024 * 1024, files: 1 } }))
  async deployDefinition(@CurrentActor() actor: Actor, @Req() req: Request, @UploadedFile() file?: UploadedBpmn) {
    const xml = file ? file.buffer.toString('utf8') : typeof req.body === 'string' ? req.body : undefined;
    if (!xml) throw new DomainError(ErrorCode.InvalidInput, 'send the BPMN file as multipart field "file" or as an application/xml body');
    return this.deploy.execute({ actor, xml, source: 'api' });
  }

  @Get()
  @ApiOperation({ summary: 'List definitions and their versions (newest version first within a key).' })
  listDefinitions(@CurrentActor() actor: Actor, @Query() q: ListDefinitionsQueryDto) {
    return this.list.execute({ actor, key: q.key, latestOnly: q.latest, limit: q.limit, offset: q.offset });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One definition version.' })
  getDefinition(@CurrentActor() actor: Actor, @Param() p: IdParamDto) {
    return this.get.execute(actor, p.id);
  }

  @Get(':id/xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOperation({ summary: 'The BPMN XML of a definition version, as deployed.' })
  async getDefinitionXml(@CurrentActor() actor: Actor, @Param() p: IdParamDto): Promise<string> {
    return (await this.get.execute(actor, p.id, true)).xml as string;
  }
}
