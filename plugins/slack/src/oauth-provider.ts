// The Slack provider lives in @knotwork/oauth-providers with the other checked provider
// configs, so the credentials manager and other plugins read the same data.
export { slackBotScopes, slackOAuthProvider } from '@knotwork/oauth-providers';
