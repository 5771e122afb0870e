// The signed-in person's live notifications (server-sent events), for every page: a toast, the
// unread count in the page title (the server's count, refreshed on each event), and a way for a
// page (the inbox) to reload when work arrives. EventSource reconnects by itself and replays what
// it missed (Last-Event-ID); a stream refused for an expired token is reopened after a refresh.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/api-client';
import { refreshSession } from '../api/http-client';
import type { LiveNotification } from '../api/api.types';

export type LiveStatus = 'connecting' | 'live' | 'unavailable';

interface LiveValue {
  status: LiveStatus;
  unread: number;
  toast: LiveNotification | null;
  dismiss: () => void;
  markAllRead: () => void;
  subscribe: (fn: (event: LiveNotification) => void) => () => void;
}

const LiveContext = createContext<LiveValue>({ status: 'unavailable', unread: 0, toast: null, dismiss: () => undefined, markAllRead: () => undefined, subscribe: () => () => undefined });

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>(enabled ? 'connecting' : 'unavailable');
  const [unread, setUnread] = useState(0);
  const [toast, setToast] = useState<LiveNotification | null>(null);
  const listeners = useRef(new Set<(e: LiveNotification) => void>());

  const refreshCount = useCallback(() => {
    api.notifications.unreadCount().then((r) => setUnread(r.count), () => undefined);
  }, []);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('unavailable');
      return;
    }
    refreshCount();
    let source: EventSource | null = null;
    let closed = false;
    let retry: number | undefined;
    const open = () => {
      source = new EventSource(api.notifications.streamUrl(), { withCredentials: true });
      source.onopen = () => setStatus('live');
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        // refused (an expired access token): refresh the session, then open again
        setStatus('connecting');
        source.close();
        retry = window.setTimeout(() => {
          void refreshSession().then((ok) => {
            if (closed) return;
            if (ok) open();
            else setStatus('unavailable');
          });
        }, 1000);
      };
      source.onmessage = (message: MessageEvent<string>) => {
        let event: LiveNotification;
        try {
          event = JSON.parse(message.data) as LiveNotification;
        } catch {
          return;
        }
        setToast(event);
        setUnread((n) => n + 1);
        refreshCount();
        listeners.current.forEach((fn) => fn(event));
      };
    };
    open();
    return () => {
      closed = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [enabled, refreshCount]);

  const subscribe = useCallback((fn: (e: LiveNotification) => void) => {
    listeners.current.add(fn);
    return () => {
      listeners.current.delete(fn);
    };
  }, []);
  const dismiss = useCallback(() => setToast(null), []);
  const markAllRead = useCallback(() => {
    api.notifications.readAll().then(() => setUnread(0), () => undefined);
  }, []);

  const value = useMemo(() => ({ status, unread, toast, dismiss, markAllRead, subscribe }), [status, unread, toast, dismiss, markAllRead, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveValue {
  return useContext(LiveContext);
}

/** Calls `fn` on each live event while the component is shown. */
export function useLiveEvents(fn: (event: LiveNotification) => void): void {
  const { subscribe } = useLive();
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => subscribe((e) => ref.current(e)), [subscribe]);
}
