/**
 * The one place the app speaks HTTP: same-origin requests under /api (the API serves the app),
 * cookies for the session (refreshed once on a 401), `application/problem+json` errors turned into ApiError.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The endpoint is not there yet (or the API is not running): the page says so. */
  get unavailable(): boolean {
    // a 404 of the router (no problem code) means the route is not there; a 404 with a code is an object not found
    const coded = !!this.body && typeof this.body === 'object' && 'code' in this.body;
    return this.status === 0 || (this.status === 404 && !coded) || this.status === 501 || this.status === 502 || this.status === 503;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  query?: Record<string, string | number | undefined>;
  /** Statuses whose body is a valid answer rather than an error (e.g. 422 from validate). */
  acceptStatuses?: number[];
  signal?: AbortSignal;
}

export const API_BASE: string = (import.meta.env.VITE_API_BASE as string | undefined) ?? '';

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204) return undefined;
  if (type.includes('json')) return response.json();
  return response.text();
}

/** Told when the session has ended (a 401 that a refresh could not mend): the app shows the sign-in page. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the session's tokens (the refresh cookie is sent to /api/auth only); one refresh at a time. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(`${API_BASE}/api/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{}', credentials: 'same-origin' })
    .then((r) => r.ok, () => false)
    .finally(() => {
      setTimeout(() => (refreshing = null), 0);
    });
  return refreshing;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    // An access token lives minutes: a 401 is first answered by refreshing the session once.
    if (!(error instanceof ApiError) || error.status !== 401 || path.startsWith('/api/auth/')) throw error;
    if (!(await refreshSession())) {
      signedOutListeners.forEach((l) => l());
      throw error;
    }
    return send<T>(path, options);
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) {
    headers['Content-Type'] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached.');
  }
  const payload = await readBody(response);
  if (response.ok || options.acceptStatuses?.includes(response.status)) return payload as T;
  const detail =
    payload && typeof payload === 'object' && 'detail' in payload && typeof payload.detail === 'string'
      ? payload.detail
      : payload && typeof payload === 'object' && 'title' in payload && typeof payload.title === 'string'
        ? payload.title
        : `${response.status} ${response.statusText}`;
  throw new ApiError(response.status, detail, payload);
}

/** Where a file download is served (export endpoints): a plain link, so the browser saves it. */
export function downloadUrl(path: string, query?: RequestOptions['query']): string {
  return buildUrl(path, query);
}
