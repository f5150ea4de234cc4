// The studio's addresses. Pure, so the mapping from URL to page is tested without a browser.

export type Route =
  | { page: 'integrations' }
  | { page: 'integration'; name: string }
  | { page: 'credentials'; connected?: string }
  | { page: 'credential-new'; type?: string; plugin?: string; returnTo?: string }
  | { page: 'credential-edit'; id: string }
  | { page: 'playground'; nodeKey?: string }
  | { page: 'not-found' };

export const paths = {
  integrations: () => '/integrations',
  integration: (name: string) => `/integrations/${encodeURIComponent(name)}`,
  credentials: () => '/credentials',
  newCredential: (options: { type?: string; plugin?: string; returnTo?: string } = {}) => {
    const query = new URLSearchParams();
    if (options.plugin) query.set('plugin', options.plugin);
    if (options.type) query.set('type', options.type);
    if (options.returnTo) query.set('return', options.returnTo);
    const text = query.toString();
    return text ? `/credentials/new?${text}` : '/credentials/new';
  },
  credential: (id: string) => `/credentials/${encodeURIComponent(id)}`,
  playground: (nodeKey?: string) =>
    nodeKey ? `/playground/${encodeURIComponent(nodeKey)}` : '/playground',
};

export function matchRoute(pathname: string, search = ''): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((part) => safeDecode(part));
  const query = new URLSearchParams(search);
  const [section, id, ...rest] = parts;
  if (rest.length > 0) return { page: 'not-found' };

  if (section === undefined || section === 'integrations') {
    return id === undefined ? { page: 'integrations' } : { page: 'integration', name: id };
  }
  if (section === 'credentials') {
    if (id === undefined)
      return withOptional({ page: 'credentials' }, 'connected', query.get('connected'));
    if (id === 'new') {
      let route: Route = { page: 'credential-new' };
      route = withOptional(route, 'type', query.get('type'));
      route = withOptional(route, 'plugin', query.get('plugin'));
      return withOptional(route, 'returnTo', localPath(query.get('return')));
    }
    return { page: 'credential-edit', id };
  }
  if (section === 'playground') {
    return id === undefined ? { page: 'playground' } : { page: 'playground', nodeKey: id };
  }
  return { page: 'not-found' };
}

/** Only a path on this origin may be a return address, so a link cannot send people elsewhere. */
export function localPath(value: string | null | undefined): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return undefined;
  }
  return value;
}

function withOptional<R extends Route, K extends string>(
  route: R,
  key: K,
  value: string | null | undefined,
): R {
  return value ? { ...route, [key]: value } : route;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
