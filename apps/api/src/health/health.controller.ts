import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CheckHealthUseCase } from '@app/application';
import { Public } from '../security/access.decorators';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: CheckHealthUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Database and queue reachability (503 when either is down).' })
  async getHealth(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.execute();
    if (report.status !== 'ok') res.status(503);
    return report;
  }
}
