/** Helper process: runs an embedded PostgreSQL (argv: data folder, port) until SIGTERM. */
import { startEmbeddedPostgres } from '@app/persistence';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir: dir as string, port: Number(port) });
  process.stdout.write(`READY ${pg.url}\n`);
  const stop = () => void pg.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`embedded PostgreSQL helper: ${(err as Error).message}\n`);
  process.exit(1);
});
