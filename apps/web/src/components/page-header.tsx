import { useEffect, type ReactNode } from 'react';
import { useLive } from '../app/live';

/** The page's h1 (focus target after navigation) and the document title, led by the unread count. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { unread } = useLive();
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${title} – Referral pathways`;
  }, [title, unread]);
  return (
    <div className="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
