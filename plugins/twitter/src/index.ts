import { definePlugin } from '@knotwork/sdk';
import { appBearerToken, oauth2 } from './credentials.js';
import { xPolicy } from './errors.js';
import { twitterIcon } from './icon.js';
import { getUser } from './nodes/get-user.js';
import { postTweet } from './nodes/post-tweet.js';
import { searchRecent } from './nodes/search-recent.js';
import { xOAuthProvider } from './oauth-provider.js';
import { X_DOCS_URL } from './urls.js';

export default definePlugin({
  name: 'twitter',
  displayName: 'X (Twitter)',
  description: 'Post to X, search recent posts and look up users through X API v2.',
  icon: twitterIcon,
  categories: ['Social Media', 'Marketing'],
  docsUrl: X_DOCS_URL,
  credentials: [oauth2, appBearerToken],
  oauthProviders: [xOAuthProvider],
  nodes: [postTweet, searchRecent, getUser],
  policy: xPolicy,
});
