/**
 * Parses an ISO 8601 repeating interval used as a retry cycle: `R3/PT10S` = 3 tries, 10 s
 * apart. Anything unreadable falls back to the default (3 tries, 10 s).
 */
export const DEFAULT_RETRY = { attempts: 3, delayMs: 10_000 };

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim() === 'PT') return undefined;
  const [, w, d, h, min, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return ((((w as number) * 7 + (d as number)) * 24 + (h as number)) * 60 + (min as number)) * 60_000 + (s as number) * 1000;
}

export function parseRetryCycle(text: string | undefined): { attempts: number; delayMs: number } {
  if (!text) return DEFAULT_RETRY;
  const m = /^R(\d+)\/(P.+)$/.exec(text.trim());
  if (!m) return DEFAULT_RETRY;
  const attempts = Number(m[1]);
  const delayMs = parseDurationMs(m[2] as string);
  if (!(attempts >= 1) || delayMs === undefined) return DEFAULT_RETRY;
  return { attempts: Math.min(attempts, 100), delayMs };
}
