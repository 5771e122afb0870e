import { INestApplication, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { ApiModule, ApiModuleOptions } from './api.module';

/** Builds the HTTP application (not listening yet): `/api` prefix, validation, OpenAPI at `/api/docs`. */
export async function createApiApp(runtime: RuntimeServices, config: AppConfig, options: ApiModuleOptions, logger?: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRuntime(runtime, config, options), {
    ...(logger ? { logger } : { logger: ['error', 'warn'] }),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: config.DEPLOY_MAX_BYTES + 1024 });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const doc = new DocumentBuilder()
    .setTitle('Referral pathways runtime')
    .setDescription('Deploy BPMN pathways, start instances, work user tasks, correlate messages, handle incidents.')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/json' });
  return app;
}
