/**
 * The api's side of notifications: the controller and this process's live hub. libs/notifications'
 * module comes from the worker when it runs in this process, or is imported here (`core`).
 */
import { DynamicModule, Module } from '@nestjs/common';
import type { RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { LiveHubService } from './live-hub.service';
import { NotificationsController } from './notifications.controller';

@Module({})
export class NotificationsApiModule {
  static forRuntime(runtime: RuntimeServices, config: AppConfig, opts: { core: boolean }): DynamicModule {
    return {
      module: NotificationsApiModule,
      imports: opts.core ? [NotificationsModule.forRuntime(runtime, config)] : [],
      controllers: [NotificationsController],
      providers: [LiveHubService],
    };
  }
}
