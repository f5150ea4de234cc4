import { EmptyState } from '../components/EmptyState.js';
import { PageHeader } from '../components/PageHeader.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        icon="info"
        title="Nothing lives at this address"
        action={
          <Link to={paths.integrations()} className="btn btn-primary">
            Go to integrations
          </Link>
        }
      >
        The link may be from an older version of the studio.
      </EmptyState>
    </>
  );
}
