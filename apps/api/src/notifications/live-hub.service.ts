import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { RUNTIME, type RuntimeServices } from '@app/application';
import { LIVE_FANOUT_FACTORY, LiveHub, type LiveConnection, type LiveFanout, type LiveSink } from '@app/notifications';

/** This api process's live streams, subscribed to the fan-out for as long as the app runs. */
@Injectable()
export class LiveHubService implements OnModuleInit, OnApplicationShutdown {
  private readonly hub: LiveHub;

  constructor(@Inject(RUNTIME) rt: RuntimeServices, @Inject(LIVE_FANOUT_FACTORY) fanoutFactory: () => LiveFanout) {
    this.hub = new LiveHub(rt.db, fanoutFactory(), new Logger('LiveNotifications'));
  }

  async onModuleInit(): Promise<void> {
    await this.hub.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hub.stop();
  }

  open(userId: string, lastEventId: number | null, sink: LiveSink): Promise<LiveConnection> {
    return this.hub.open(userId, lastEventId, sink);
  }

  get connections(): number {
    return this.hub.connections;
  }
}
