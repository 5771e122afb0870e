import { useEffect, type ReactNode } from 'react';

/** The page's h1 (focus target after navigation) and the document title. */
export function PageHeader({ title, children, titleSuffix }: { title: string; children?: ReactNode; titleSuffix?: string }) {
  useEffect(() => {
    document.title = `${titleSuffix ?? ''}${title} – Referral pathways`;
  }, [title, titleSuffix]);
  return (
    <div className="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
