/**
 * The worker as bench:timers runs it in its own process: apps/worker's module and runtime, with
 * jobs of features that are not part of the runtime (notifications) dropped rather than refusing
 * to start, so the benchmark measures the runtime alone.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, createRuntime, loadConfigOrExit, onShutdownSignals } from '@app/application';
import { WorkerModule } from '../../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const log = createLogger(config, 'bench-worker');
  const runtime = await createRuntime(config, { log });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRuntime(runtime, config, { ignoreUnhandledJobs: true }), { logger: log });
  await app.init();
  onShutdownSignals(async () => {
    await app.close();
    await runtime.close();
  }, log);
}

main().catch((err) => {
  process.stderr.write(`bench worker failed: ${(err as Error).message}\n`);
  process.exit(1);
});
