/**
 * The worker as the fault tests run it in their own processes: apps/worker's module and runtime, with
 * jobs of features that are not part of the runtime (notifications) dropped rather than refusing
 * to start, so the tests exercise the runtime alone.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, createRuntime, loadConfigOrExit, onShutdownSignals } from '@app/application';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const log = createLogger(config, 'fault-worker');
  const runtime = await createRuntime(config, { log });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRuntime(runtime, config, { ignoreUnhandledJobs: true }), { logger: log });
  await app.init();
  process.stdout.write('READY\n');
  onShutdownSignals(async () => {
    await app.close();
    await runtime.close();
  }, log);
}

main().catch((err) => {
  process.stderr.write(`fault worker failed: ${(err as Error).message}\n`);
  process.exit(1);
});
