import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Variables } from '@app/engine';
import { Actor, CorrelateMessageUseCase } from '@app/application';
import { CurrentActor } from '../actor/current-actor.decorator';
import { CorrelateMessageDto } from './messages.dto';
import { Allow, COORDINATION } from '../security/access.decorators';

@ApiTags('messages')
@Allow(...COORDINATION)
@Controller('messages')
export class MessagesController {
  constructor(private readonly correlate: CorrelateMessageUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Correlate a message by name and correlation key (to a waiting instance, or a message start event). 404 when nothing takes it.' })
  correlateMessage(@CurrentActor() actor: Actor, @Body() dto: CorrelateMessageDto) {
    return this.correlate.execute({ actor, name: dto.name, correlationKey: dto.correlationKey, variables: dto.variables as Variables | undefined });
  }
}
