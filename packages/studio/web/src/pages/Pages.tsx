import { useRoute } from '../router/router.js';
import { CredentialEditPage } from './CredentialEditPage.js';
import { CredentialNewPage } from './CredentialNewPage.js';
import { CredentialsPage } from './CredentialsPage.js';
import { IntegrationPage } from './IntegrationPage.js';
import { IntegrationsPage } from './IntegrationsPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PlaygroundPage } from './PlaygroundPage.js';

export function Pages() {
  const { route } = useRoute();
  switch (route.page) {
    case 'integrations':
      return <IntegrationsPage />;
    case 'integration':
      return <IntegrationPage key={route.name} name={route.name} />;
    case 'credentials':
      return <CredentialsPage connected={route.connected} />;
    case 'credential-new':
      return <CredentialNewPage key={route.plugin ?? route.type} route={route} />;
    case 'credential-edit':
      return <CredentialEditPage key={route.id} id={route.id} />;
    case 'playground':
      return <PlaygroundPage nodeKey={route.nodeKey} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
