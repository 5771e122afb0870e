/**
 * Carries in-app notifications from the process that committed them (a worker) to the api
 * processes holding users' live streams. With Redis: pub/sub, published after COMMIT. Without:
 * PostgreSQL NOTIFY inside the transaction, which PostgreSQL delivers only if it commits. Either
 * way a lost message costs only latency: the hub notices the gap in the user's sequence (or its
 * periodic sweep does) and reads what is missing from the table.
 */
import type { UnitOfWork } from '@app/application';
import type { LiveMessage } from '../notifications.types';

export interface LiveFanout {
  /** Publishes with the unit of work: in its transaction (PostgreSQL) or after its commit (Redis). */
  publish(uow: UnitOfWork, messages: LiveMessage[]): Promise<void>;
  /** Receives every message; `onResync` runs after a (re)connection, when messages may have been missed. */
  subscribe(onMessage: (m: LiveMessage) => void, onResync: () => void): Promise<void>;
  close(): Promise<void>;
}

export const LIVE_FANOUT = Symbol('LIVE_FANOUT');

export function parseLiveMessage(raw: string): LiveMessage | undefined {
  try {
    const m = JSON.parse(raw) as LiveMessage;
    return typeof m?.userId === 'string' && Number.isInteger(m.seq) && m.event ? m : undefined;
  } catch {
    return undefined;
  }
}
