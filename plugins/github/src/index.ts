import { githubOAuthProvider } from '@knotwork/oauth-providers';
import { definePlugin } from '@knotwork/sdk';
import { oauth2, personalAccessToken } from './credentials.js';
import { githubPolicy } from './errors.js';
import { GITHUB_DOCS_URL } from './github-urls.js';
import { githubIcon } from './icon.js';
import { createIssue } from './nodes/create-issue.js';
import { createPullRequest } from './nodes/create-pull-request.js';
import { listRepos } from './nodes/list-repos.js';

export default definePlugin({
  name: 'github',
  displayName: 'GitHub',
  description:
    'Open issues and pull requests and list repositories on GitHub or GitHub Enterprise Server.',
  icon: githubIcon,
  categories: ['Developer Tools'],
  docsUrl: GITHUB_DOCS_URL,
  credentials: [personalAccessToken, oauth2],
  oauthProviders: [githubOAuthProvider],
  nodes: [createIssue, createPullRequest, listRepos],
  policy: githubPolicy,
});
