import type { CredentialTestResult, HttpClient } from '@knotwork/sdk';
import { callGitHub } from './github-api.js';

/** The parts of GET /user the check reports. https://docs.github.com/en/rest/users/users#get-the-authenticated-user */
interface AuthenticatedUser {
  login: string;
  name?: string | null;
}

/** Scopes that let Create Issue, Create Pull Request and List Repositories reach private or public repositories. */
const REPOSITORY_SCOPES = ['repo', 'public_repo'];

/**
 * Asks GitHub who the token belongs to: GET /user changes nothing and works for every kind of
 * token. Classic tokens and OAuth app tokens list their scopes in X-OAuth-Scopes; fine-grained
 * tokens and GitHub App tokens have none (their permissions are set per repository), so the
 * header is absent and the check says so rather than reporting "no scopes".
 * https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
 */
export async function checkGitHubConnection(http: HttpClient): Promise<CredentialTestResult> {
  const { data, headers } = await callGitHub<AuthenticatedUser>(http, {
    method: 'GET',
    url: '/user',
  });
  const who = data.name ? `${data.login} (${data.name})` : data.login;
  const expires = headers.get('github-authentication-token-expiration');
  const expiry = expires ? ` The token expires ${expires}.` : '';
  const scopeHeader = headers.get('x-oauth-scopes');
  if (scopeHeader === null) {
    return {
      ok: true,
      message: `Connected to GitHub as ${who}. This is a fine-grained or GitHub App token, which has no OAuth scopes: what it may do is set per repository on the token's settings page.${expiry}`,
    };
  }
  const scopes = scopeHeader
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const message = `Connected to GitHub as ${who} with scopes: ${scopes.length ? scopes.join(', ') : 'none'}.${expiry}`;
  if (scopes.some((scope) => REPOSITORY_SCOPES.includes(scope))) return { ok: true, message };
  return {
    ok: true,
    message,
    hint: 'The token has neither the repo nor the public_repo scope, so Create Issue and Create Pull Request will fail and List Repositories shows public repositories only: add the repo scope (or public_repo) to the token.',
  };
}
