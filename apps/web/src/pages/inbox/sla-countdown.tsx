import { useEffect, useState } from 'react';
import { formatDateTime, slaCountdown } from '../../components/format.util';

/** The time left before a task's SLA, refreshed every 30 s; words, not colour alone. */
export function SlaCountdown({ dueAt }: { dueAt?: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(id);
  }, []);
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
