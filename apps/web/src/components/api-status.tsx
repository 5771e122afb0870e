import type { ReactNode } from 'react';
import { ApiError } from '../api/http-client';
import type { ApiState } from './use-api.hook';

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="muted">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, endpoint }: { error: Error; endpoint?: string }) {
  if (error instanceof ApiError && error.unavailable) {
    return (
      <p role="status" className="note note-unavailable">
        Not available yet: the server does not answer {endpoint ? <code>{endpoint}</code> : 'this request'} ({error.status || 'no connection'}).
      </p>
    );
  }
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return (
      <p role="alert" className="note note-error">
        {error.status === 401 ? 'Please sign in.' : 'Your role may not see this.'}
      </p>
    );
  }
  return (
    <p role="alert" className="note note-error">
      Something went wrong: {error.message}
    </p>
  );
}

/** Renders loading / error / data of one API call, naming the endpoint when it is missing. */
export function ApiView<T>({ state, what, endpoint, children }: { state: ApiState<T>; what: string; endpoint: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorNote error={state.error} endpoint={endpoint} />;
  return <>{children(state.data)}</>;
}
