// The Google provider lives in @knotwork/oauth-providers with the other checked provider
// configs, so every Google plugin (Sheets, Drive, Gmail) shares one consent screen setup.
export { googleOAuthProvider, googleScopes } from '@knotwork/oauth-providers';
