import { Module } from '@nestjs/common';
import { PathwayStatisticsUseCase } from '@app/application';
import { StatisticsController } from './statistics.controller';

/** Issue 6's dashboard aggregates and heat-map statistics. */
@Module({ controllers: [StatisticsController], providers: [PathwayStatisticsUseCase] })
export class StatisticsModule {}
