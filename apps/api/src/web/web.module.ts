import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { RuntimeServices } from '@app/application';
import { ClockController } from './clock.controller';
import { mountQueueBoard } from './queue-board';
import { serveWebApp } from './serve-web-app';

/** The clock endpoint the web app counts SLAs with. */
@Module({ controllers: [ClockController] })
export class WebModule {}

/** The browser app and the operators' queue view, mounted on the HTTP app before Nest's router. */
export function mountWebApp(app: INestApplication, runtime: RuntimeServices): void {
  mountQueueBoard(app, runtime);
  serveWebApp(app);
}
