/**
 * Worker process: BullMQ processors and the reconciler, no HTTP. Start as many as wanted (with
 * REDIS_URL); the embedded default runs the worker inside the API process instead.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, createRuntime, loadConfigOrExit, onShutdownSignals } from '@app/application';
import { NotificationJobsModule } from './notifications/notification-jobs.module';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // The one place that reads the environment.
  const config = loadConfigOrExit(process.env);
  const log = createLogger(config, 'worker');
  const runtime = await createRuntime(config, { log });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRuntime(runtime, config, { imports: [NotificationJobsModule.forRuntime(runtime, config)] }), { logger: log });
  await app.init();
  log.log(`worker running (queue backend: ${runtime.queues.conn.kind}, concurrency ${config.WORKER_CONCURRENCY})`);
  onShutdownSignals(async () => {
    await app.close();
    await runtime.close();
  }, log);
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
