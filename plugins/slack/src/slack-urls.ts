/** Root of Slack's Web API; the bot-token credential can point elsewhere (tests, proxies). */
export const SLACK_API_URL = 'https://slack.com/api';

/** The plugin's user documentation in the knotwork repository. */
export const SLACK_DOCS_URL =
  'https://github.com/knotwork/knotwork/blob/main/docs/integrations/slack.md';
