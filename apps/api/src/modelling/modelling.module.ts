import { resolve } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { DefinitionVersionsUseCase, RunSimulationUseCase, TemplatesCatalogue, ValidateDefinitionUseCase } from '@app/application';
import type { AppConfig } from '@app/config';
import { ModellingController } from './modelling.controller';
import { TEMPLATES } from './modelling.tokens';

/** Issue 6's modeller API: templates, validate, deploy with a note, versions, dry runs. */
@Module({})
export class ModellingModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ModellingModule,
      controllers: [ModellingController],
      providers: [
        ValidateDefinitionUseCase, RunSimulationUseCase, DefinitionVersionsUseCase,
        // The templates ship with the product in workflows/ (WORKFLOWS_DIR may be empty to skip deploying them at start).
        { provide: TEMPLATES, useValue: new TemplatesCatalogue(resolve(config.WORKFLOWS_DIR || 'workflows')) },
      ],
    };
  }
}
