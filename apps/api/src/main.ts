/**
 * API process. With ROLE=all (the default) it also runs the worker, which is how `npm start`
 * brings the whole product up on the embedded default (embedded PostgreSQL, BullMQ on
 * PostgreSQL). With REDIS_URL, run ROLE=api here and `apps/worker` processes beside it.
 */
import 'reflect-metadata';
import { createLogger, createRuntime, DeployWorkflowsUseCase, loadConfigOrExit, onShutdownSignals, systemActor } from '@app/application';
import { bootstrapFirstAdministrator } from './admin/bootstrap';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  // The one place that reads the environment.
  const config = loadConfigOrExit(process.env);
  const log = createLogger(config, 'api');
  if (config.ROLE === 'worker') throw new Error('ROLE=worker: start apps/worker instead (npm run start:worker)');
  const runtime = await createRuntime(config, { log });
  const app = await createApiApp(runtime, config, { withWorker: config.ROLE === 'all' }, log);
  onShutdownSignals(async () => {
    await app.close();
    await runtime.close();
  }, log);
  await app.init();
  await bootstrapFirstAdministrator(runtime, config, log);
  if (config.WORKFLOWS_DIR) {
    const reports = await app.get(DeployWorkflowsUseCase).execute(systemActor(config.DEV_ACTOR_PARTNERSHIP_ID), config.WORKFLOWS_DIR);
    for (const r of reports) log.log(`workflows/${r.file}: ${r.outcome}${r.version ? ` (${r.key} v${r.version})` : ''}`);
  }
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  log.log(`listening on ${url}/api (OpenAPI: ${url}/api/docs; database: ${runtime.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}; queue: ${runtime.queues.conn.kind}; role: ${config.ROLE})`);
}

main().catch((err) => {
  process.stderr.write(`failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
