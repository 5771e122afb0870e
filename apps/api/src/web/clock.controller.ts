import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RUNTIME, type RuntimeServices } from '@app/application';
import { Allow } from '../security/access.decorators';

/** The server's clock, so that SLA countdowns in the browser count from the time the server keeps. */
@ApiTags('me')
@Controller('clock')
export class ClockController {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  @Get()
  @Allow('any')
  @ApiOperation({ summary: 'The server clock\'s now (SLA deadlines are on this clock).' })
  now() {
    return { now: this.rt.clock.now().toISOString() };
  }
}
