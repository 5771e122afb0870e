import { useEffect, useState } from 'react';
import type { LiveNotification } from '../../api/api.types';
import { api } from '../../api/api-client';

export type LiveStatus = 'connecting' | 'live' | 'unavailable';

/**
 * The user's server-sent-event stream. Each event is passed to `onEvent`; EventSource reconnects
 * on its own, and the status says whether the page is live.
 */
export function useLiveNotifications(onEvent: (event: LiveNotification) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('unavailable');
      return;
    }
    const source = new EventSource(api.notificationStreamUrl(), { withCredentials: true });
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'unavailable' : 'connecting');
    source.onmessage = (message: MessageEvent<string>) => {
      try {
        onEvent(JSON.parse(message.data) as LiveNotification);
      } catch {
        // a malformed event is ignored; the list reload below still brings the truth
      }
    };
    return () => source.close();
  }, [onEvent]);
  return status;
}
