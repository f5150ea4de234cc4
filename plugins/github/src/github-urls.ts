/** Root of GitHub's REST API; GitHub Enterprise Server serves it at https://HOST/api/v3. */
export const GITHUB_API_URL = 'https://api.github.com';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const GITHUB_DOCS_URL = 'docs/integrations/github.md';

/**
 * Sent with every request. GitHub recommends the `application/vnd.github+json` media type, and
 * pinning `X-GitHub-Api-Version` keeps responses stable when GitHub ships a new version
 * (without it GitHub picks 2022-11-28 today, but that default may move).
 * https://docs.github.com/en/rest/about-the-rest-api/api-versions
 * https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#headers
 */
export const GITHUB_API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
});
