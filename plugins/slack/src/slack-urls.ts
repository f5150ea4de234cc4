/** Root of Slack's Web API; the bot-token credential can point elsewhere (tests, proxies). */
export const SLACK_API_URL = 'https://slack.com/api';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const SLACK_DOCS_URL = 'docs/integrations/slack.md';
