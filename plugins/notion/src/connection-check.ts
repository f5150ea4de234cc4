import type { CredentialTestResult, HttpClient } from '@knotwork/sdk';
import { SHARE_WITH_INTEGRATION } from './errors.js';
import { callNotion } from './notion-api.js';

/**
 * The bot user behind a token. `workspace_name` is set when the workspace owns the bot
 * (internal integrations); a public integration's bot is owned by the user who connected it.
 * https://developers.notion.com/reference/get-self and https://developers.notion.com/reference/user#bots
 */
interface BotUser {
  name?: string | null;
  type?: string;
  bot?: {
    owner?: { type?: string; user?: { name?: string | null } };
    workspace_name?: string | null;
  };
}

/**
 * Asks Notion who the token is: GET /v1/users/me needs no capability and changes nothing. It
 * cannot tell which pages are shared with the integration, so the result says that too.
 */
export async function checkNotionConnection(http: HttpClient): Promise<CredentialTestResult> {
  const { data } = await callNotion<BotUser>(http, { method: 'GET', url: '/users/me' });
  const name = data.name?.trim() || 'an unnamed integration';
  const workspace = data.bot?.workspace_name?.trim();
  const owner = data.bot?.owner?.user?.name?.trim();
  if (data.type === 'person') {
    // A personal access token acts as its person and reaches what they can; nothing to share.
    return { ok: true, message: `Connected to Notion as ${name} (a personal access token).` };
  }
  const where = workspace ? ` in workspace ${workspace}` : owner ? ` (connected by ${owner})` : '';
  return {
    ok: true,
    message: `Connected to Notion as ${name}${where}.`,
    hint: `The token works; the integration sees only pages and databases shared with it. To share one, ${SHARE_WITH_INTEGRATION}.`,
  };
}
