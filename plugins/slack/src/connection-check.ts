import type { CredentialTestResult, HttpClient } from '@knotwork/sdk';

/** The parts of auth.test's answer the check reports. https://api.slack.com/methods/auth.test */
interface AuthTestResponse {
  ok: true;
  url?: string;
  team?: string;
  user?: string;
  team_id?: string;
  user_id?: string;
  bot_id?: string;
}

/**
 * Asks Slack who the token belongs to: auth.test needs no scope and changes nothing, so it is
 * the cheapest proof that a token works. A failure is thrown as an IntegrationError with
 * Slack's code and hint, which the host turns into a failed test result.
 */
export async function checkSlackConnection(http: HttpClient): Promise<CredentialTestResult> {
  const { data } = await http.request<AuthTestResponse>({
    method: 'POST',
    url: '/auth.test',
    idempotent: true,
  });
  const workspace = data.team ?? data.team_id ?? 'an unnamed workspace';
  const identity = data.user ?? data.user_id ?? 'an unnamed user';
  return {
    ok: true,
    message: `Connected to workspace ${workspace} as ${identity}${data.bot_id ? ' (bot)' : ''}`,
  };
}
