import { useEffect, useState } from 'react';
import { useServerSkew } from '../../app/session';
import { formatDateTime, slaCountdown } from '../../components/format.util';

/** The time left before a task's SLA on the server's clock, refreshed every 30 s; words, not colour alone. */
export function SlaCountdown({ dueAt: due }: { dueAt?: string | null }) {
  const skew = useServerSkew();
  const dueAt = due ?? undefined;
  const [now, setNow] = useState(() => new Date(Date.now() + skew));
  useEffect(() => {
    setNow(new Date(Date.now() + skew));
    const id = window.setInterval(() => setNow(new Date(Date.now() + skew)), 30_000);
    return () => window.clearInterval(id);
  }, [skew]);
  const countdown = slaCountdown(dueAt, now);
  if (!countdown) return <span className="muted">no SLA</span>;
  const tone = countdown.overdue ? 'sla-overdue' : countdown.soon ? 'sla-soon' : 'sla-ok';
  return (
    <span className={`sla ${tone}`}>
      <time dateTime={dueAt} title={`Due ${formatDateTime(dueAt)}`}>
        {countdown.text}
      </time>
    </span>
  );
}
