import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import type { RuntimeLogger } from '../outbox/outbox-relay';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** The log levels at and above LOG_LEVEL. */
export function logLevels(level: AppConfig['LOG_LEVEL']): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

export function createLogger(config: AppConfig, context: string): ConsoleLogger & RuntimeLogger {
  return new ConsoleLogger(context, { logLevels: logLevels(config.LOG_LEVEL) }) as ConsoleLogger & RuntimeLogger;
}

/** Validates the environment once; on a bad variable prints which and exits (code 78, EX_CONFIG). */
export function loadConfigOrExit(env: Record<string, string | undefined>): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdownSignals(stop: () => Promise<void>, log: RuntimeLogger): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error(`shutdown failed: ${(err as Error).message}`);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
