// The application shell: skip link, banner with the primary navigation, one main landmark,
// and focus moved to the page heading after every in-app navigation (so screen-reader and
// keyboard users start at the new page, not at the link they pressed).
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { NAV_ITEMS } from './nav-items';

export function AppShell() {
  const location = useLocation();
  const first = useRef(true);

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
            {NAV_ITEMS.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>Multi-agency referral pathways. Personal data is shown only as your role and task allow; every access is audited.</p>
      </footer>
    </div>
  );
}
