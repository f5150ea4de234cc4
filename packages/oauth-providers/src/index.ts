import type { OAuthProvider } from '@knotwork/sdk';
import { githubOAuthProvider, githubScopes } from './github.js';
import { googleOAuthProvider, googleScopes } from './google.js';
import { microsoftOAuthProvider, microsoftScopes } from './microsoft.js';
import { notionOAuthProvider } from './notion.js';
import { slackBotScopes, slackOAuthProvider } from './slack.js';

export {
  githubOAuthProvider,
  githubScopes,
  googleOAuthProvider,
  googleScopes,
  microsoftOAuthProvider,
  microsoftScopes,
  notionOAuthProvider,
  slackBotScopes,
  slackOAuthProvider,
};

/** Every provider this package knows, by key. */
export const oauthProviders: Readonly<Record<string, OAuthProvider>> = Object.freeze({
  [githubOAuthProvider.key]: githubOAuthProvider,
  [googleOAuthProvider.key]: googleOAuthProvider,
  [microsoftOAuthProvider.key]: microsoftOAuthProvider,
  [notionOAuthProvider.key]: notionOAuthProvider,
  [slackOAuthProvider.key]: slackOAuthProvider,
});
