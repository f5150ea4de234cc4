/**
 * Root of X API v2. api.twitter.com still answers the same paths; the app bearer token
 * credential can point elsewhere (a proxy, a test server).
 * https://docs.x.com/x-api/introduction
 */
export const X_API_URL = 'https://api.x.com/2';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const X_DOCS_URL = 'docs/integrations/twitter.md';

/** Where a person can see a post, whoever wrote it (X redirects to the author's handle). */
export function postUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}
