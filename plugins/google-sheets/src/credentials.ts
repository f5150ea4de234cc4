import {
  baseUrlField,
  type CredentialOf,
  type CredentialTestResult,
  defineCredential,
  field,
  type HttpClient,
  IntegrationError,
  isIntegrationError,
  secret,
  z,
} from '@knotwork/sdk';
import { refineSheetsError } from './errors.js';
import { googleOAuthProvider } from './oauth-provider.js';
import { parseServiceAccountKey, serviceAccountToken } from './service-account.js';
import { SHEETS_API_URL, SHEETS_DOCS_URL } from './urls.js';

/**
 * The Sheets API has no "who am I" method, so "Test connection" asks for a spreadsheet that
 * cannot exist: Google checks the token, its scope and whether the API is enabled in the
 * project before it looks for the file, so NOT_FOUND proves all three, while a bad token,
 * a missing scope or a disabled API fail with their own codes.
 */
const PROBE_SPREADSHEET_ID = 'knotwork-connection-check-0000000000000000';

async function probeSheetsApi(http: HttpClient, identity: string): Promise<CredentialTestResult> {
  try {
    await http.request({
      method: 'GET',
      url: `/v4/spreadsheets/${PROBE_SPREADSHEET_ID}`,
      query: { fields: 'spreadsheetId' },
    });
  } catch (error) {
    if (isIntegrationError(error) && error.code === 'NOT_FOUND') {
      return { ok: true, message: `${identity}; the Sheets API accepted the token.` };
    }
    throw isIntegrationError(error) ? refineSheetsError(error) : error;
  }
  return { ok: true, message: `${identity}; the Sheets API answered.` };
}

export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'Google Sheets OAuth2',
  description: 'Reads and writes the spreadsheets of the Google account you sign in with.',
  kind: 'oauth2',
  schema: z.object({
    clientId: field(z.string().trim().min(1), {
      label: 'Client ID',
      description: 'From Google Cloud console → APIs & Services → Credentials → OAuth client.',
      placeholder: '123456789012-abc.apps.googleusercontent.com',
    }),
    clientSecret: secret(z.string().trim().min(1), {
      label: 'Client Secret',
      description: 'From the same OAuth client.',
    }),
    baseUrl: baseUrlField(SHEETS_API_URL),
  }),
  // The `sheets` feature of the shared Google provider: https://www.googleapis.com/auth/spreadsheets.
  oauth: { provider: googleOAuthProvider.key, scopes: ['sheets'] },
  baseUrl: { default: SHEETS_API_URL, field: 'baseUrl' },
  test: (ctx) => probeSheetsApi(ctx.http, 'Connected to Google'),
  docsUrl: `${SHEETS_DOCS_URL}#oauth2`,
});

export const serviceAccount = defineCredential({
  key: 'serviceAccount',
  displayName: 'Google service account',
  description:
    'A robot account with its own JSON key: no browser sign-in; share each spreadsheet with its email.',
  kind: 'custom',
  schema: z.object({
    serviceAccountKey: secret(
      z
        .string()
        .trim()
        .superRefine((text, ctx) => {
          const parsed = parseServiceAccountKey(text);
          if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
        }),
      {
        label: 'Service account key (JSON)',
        description:
          'The whole JSON key file, pasted as it is. Cloud console → IAM & Admin → Service accounts → Keys → Add key → JSON.',
        placeholder: '{"type": "service_account", "client_email": "…", "private_key": "…", …}',
      },
    ),
    baseUrl: baseUrlField(SHEETS_API_URL),
  }),
  // A JWT signed with the key, exchanged for an access token at oauth2.googleapis.com
  // (cached per key until five minutes before it expires).
  // https://developers.google.com/identity/protocols/oauth2/service-account
  authenticate: async (request, credential) => {
    const parsed = parseServiceAccountKey(credential.data.serviceAccountKey);
    if ('problem' in parsed) return;
    request.headers.set('authorization', `Bearer ${await serviceAccountToken(parsed.key)}`);
  },
  baseUrl: { default: SHEETS_API_URL, field: 'baseUrl' },
  test: async (ctx) => {
    const parsed = parseServiceAccountKey(ctx.credential.data.serviceAccountKey);
    if ('problem' in parsed) {
      throw new IntegrationError({
        service: 'google-sheets',
        code: 'invalid_input',
        message: parsed.problem,
        hint: 'Fix "credential.serviceAccountKey" and run again.',
      });
    }
    const result = await probeSheetsApi(ctx.http, `Signed in as ${parsed.key.client_email}`);
    return {
      ...result,
      message: `${result.message} Share each spreadsheet with ${parsed.key.client_email} (Editor to write).`,
    };
  },
  docsUrl: `${SHEETS_DOCS_URL}#service-account`,
});

/** The credential a Google Sheets node receives. */
export type SheetsCredential = CredentialOf<[typeof oauth2, typeof serviceAccount]>;
