// The application shell: skip link, banner with the primary navigation (the pages the person's
// roles may use), one main landmark, the live toast, and focus moved to the page heading after
// every in-app navigation (so screen-reader and keyboard users start at the new page).
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { NAV_ITEMS } from './nav-items';
import { hasRole, useMe, useSession } from './session';
import { useLive } from './live';
import { watchScrollRegions } from '../components/scroll-regions';

function Toast() {
  const { toast, dismiss } = useLive();
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" data-testid="toast">
          {toast.text}{' '}
          {toast.link && (
            <Link to={toast.link.startsWith('/') ? toast.link : '/inbox'} onClick={dismiss}>
              Open
            </Link>
          )}{' '}
          <button type="button" className="button-link" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

export function AppShell() {
  const location = useLocation();
  const first = useRef(true);
  const me = useMe();
  const { signOut } = useSession();
  const items = NAV_ITEMS.filter((item) => hasRole(me, item.roles));

  useEffect(() => {
    const main = document.getElementById('main');
    return main ? watchScrollRegions(main) : undefined;
  }, []);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // wait a frame for lazy pages to render their heading
    const id = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      const target = heading ?? document.getElementById('main');
      target?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Referral pathways
        </NavLink>
        <nav aria-label="Primary">
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {me && (
          <div className="account">
            <span>
              {me.displayName}
              {me.agency ? `, ${me.agency.name}` : ''}
            </span>{' '}
            <button type="button" className="button-link" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <Toast />
      <footer className="app-footer">
        <p>Multi-agency referral pathways. Personal data is shown only as your role and task allow; every access is audited.</p>
      </footer>
    </div>
  );
}
