import { Link } from 'react-router';
import { NAV_ITEMS } from '../app/nav-items';
import { hasRole, useMe } from '../app/session';
import { PageHeader } from '../components/page-header';

export function HomePage() {
  const me = useMe();
  const items = NAV_ITEMS.filter((item) => hasRole(me, item.roles));
  return (
    <>
      <PageHeader title="Referral pathways" />
      <p>
        {me ? `Signed in as ${me.displayName} (${me.roles.join(', ')}) in ${me.partnership.name}. ` : ''}
        Pathways between the agencies of a partnership against domestic abuse: police, MARAC, IDVAs, housing, health and NGOs.
      </p>
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.path} className="card">
            <h2>
              <Link to={item.path}>{item.label}</Link>
            </h2>
            <p>{item.audience}</p>
          </li>
        ))}
      </ul>
      {items.length === 0 && <p>Your roles have no pages here yet.</p>}
    </>
  );
}
