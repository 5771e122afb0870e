// Who is signed in (`GET /api/me`), the skew between the server's clock and this browser's (SLA
// countdowns count on the server's clock), and what the session's end does: the sign-in page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/api-client';
import { ApiError, onSignedOut } from '../api/http-client';
import type { Me, Role } from '../api/api.types';

export type SessionState = { status: 'loading' } | { status: 'signed-out'; error?: Error } | { status: 'signed-in'; me: Me; skewMs: number };

interface SessionValue {
  state: SessionState;
  reload: () => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue>({ state: { status: 'loading' }, reload: () => undefined, signOut: async () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const me = await api.me();
        const before = Date.now();
        const clock = await api.clock().catch(() => null);
        const skewMs = clock ? new Date(clock.now).getTime() - (before + Date.now()) / 2 : 0;
        if (live) setState({ status: 'signed-in', me, skewMs });
      } catch (error) {
        if (!live) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setState({ status: 'signed-out' });
        else setState({ status: 'signed-out', error: error instanceof Error ? error : new Error(String(error)) });
      }
    })();
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => onSignedOut(() => setState({ status: 'signed-out' })), []);

  const signOut = useCallback(async () => {
    await api.auth.logout().catch(() => undefined);
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(() => ({ state, reload, signOut }), [state, reload, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

/** The signed-in person (pages are only rendered once someone is signed in). */
export function useMe(): Me | null {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.me : null;
}

/** Now on the server's clock. */
export function useServerSkew(): number {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.skewMs : 0;
}

export function hasRole(me: Me | null, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return !!me && me.roles.some((r) => roles.includes(r));
}
