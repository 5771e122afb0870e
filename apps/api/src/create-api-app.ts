import { INestApplication, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { ApiModule, ApiModuleOptions } from './api.module';
import { mountWebApp } from './web/web.module';

/** Builds the HTTP application (not listening yet): `/api` prefix, validation, OpenAPI at `/api/docs`. */
export async function createApiApp(runtime: RuntimeServices, config: AppConfig, options: ApiModuleOptions, logger?: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRuntime(runtime, config, options), {
    ...(logger ? { logger } : { logger: ['error', 'warn'] }),
    bodyParser: false,
  });
  // Security headers (CSP for the API and the web app's own files), strict CORS, no caching of API answers.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] } }, crossOriginEmbedderPolicy: false }));
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The browser app (apps/web/dist, SPA fallback, its own CSP) and bull-board for administrators.
  mountWebApp(app, runtime);
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: config.DEPLOY_MAX_BYTES + 1024 });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const doc = new DocumentBuilder()
    .setTitle('Referral pathways runtime')
    .setDescription('Deploy BPMN pathways, start instances, work user tasks, correlate messages, handle incidents.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/json' });
  return app;
}
