import { Link } from 'react-router';
import { NAV_ITEMS } from '../app/nav-items';
import { PageHeader } from '../components/page-header';

export function HomePage() {
  return (
    <>
      <PageHeader title="Referral pathways" />
      <p>Pathways between the agencies of a partnership against domestic abuse: police, MARAC, IDVAs, housing, health and NGOs.</p>
      <ul className="card-list">
        {NAV_ITEMS.map((item) => (
          <li key={item.path} className="card">
            <h2>
              <Link to={item.path}>{item.label}</Link>
            </h2>
            <p>{item.audience}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
