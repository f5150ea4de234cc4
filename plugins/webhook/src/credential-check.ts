import type { CredentialTestContext, CredentialTestResult } from '@knotwork/sdk';

/**
 * A generic credential has no endpoint of its own to prove it works: it is checked by
 * calling the test URL the user gave, if any, with the credential applied.
 */
export async function checkWithTestUrl(
  ctx: CredentialTestContext<{ testUrl?: string | undefined }>,
): Promise<CredentialTestResult> {
  const testUrl = ctx.credential.data.testUrl;
  if (!testUrl) {
    return {
      ok: true,
      message: 'Saved, but not checked: add a test URL that answers 2xx when the credential works.',
    };
  }
  const response = await ctx.http.request({ url: testUrl, responseType: 'text' });
  return {
    ok: true,
    message: `${testUrl} answered ${response.status} with the credential applied`,
  };
}
