import type { DecryptedCredential } from '@knotwork/credentials';
import { isIntegrationError, type ManifestCredential } from '@knotwork/sdk';
import { z } from 'zod';
import {
  credentialChangeBody,
  credentialDetailResponse,
  credentialListResponse,
  credentialResponse,
  deleteResponse,
  newCredentialBody,
  type TestResponse,
  testResponse,
} from './api-schemas.js';
import { installedCredentialType } from './catalog-entries.js';
import { withStatus } from './connection-status.js';
import { credentialRedactor } from './credential-redactor.js';
import { failureOf, underData } from './integration-failure.js';
import { secretFieldsOf } from './secret-fields.js';
import type { StudioContext } from './studio-context.js';

const byId = z.object({ id: z.string().min(1) });
const TEST_HINT = 'Check the credential’s fields, then test again.';

export function registerCredentialRoutes({ routes, workspace }: StudioContext): void {
  const { host, manager, connections } = workspace;
  const manifestOf = (type: string) => installedCredentialType(host, type);

  routes.add(
    {
      method: 'GET',
      url: '/api/credentials',
      summary: 'Saved credentials with their status (never a secret)',
      tag: 'credentials',
      query: z.object({ type: z.string().min(1).optional() }),
      response: credentialListResponse,
    },
    async ({ query }) => {
      const list = await manager.listCredentials(query.type ? { type: query.type } : {});
      return { credentials: list.map(withStatus) };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/credentials',
      summary: 'Save a credential; its data is checked against the type’s schema',
      tag: 'credentials',
      body: newCredentialBody,
      status: 201,
      response: credentialResponse,
      errors: [400, 404, 409],
    },
    async ({ body }) => {
      try {
        return { credential: withStatus(await manager.saveCredential(body)) };
      } catch (error) {
        throw underData(error);
      }
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/credentials/:id',
      summary: 'A credential with its non-secret fields; secret ones are only listed as set',
      tag: 'credentials',
      params: byId,
      response: credentialDetailResponse,
      errors: [404],
    },
    async ({ params }) => {
      const credential = await manager.getCredential(params.id);
      const manifest = manifestOf(credential.summary.type);
      const secret = manifest ? secretFieldsOf(manifest) : undefined;
      const data: Record<string, unknown> = {};
      const secretFields: string[] = [];
      for (const [field, value] of Object.entries(credential.data)) {
        if (!secret || secret.has(field)) {
          if (value !== undefined && value !== '') secretFields.push(field);
        } else {
          data[field] = value;
        }
      }
      return { credential: withStatus(credential.summary), data, secretFields };
    },
  );

  routes.add(
    {
      method: 'PATCH',
      url: '/api/credentials/:id',
      summary: 'Rename a credential or replace its data (secret fields left out keep their value)',
      tag: 'credentials',
      params: byId,
      body: credentialChangeBody,
      response: credentialResponse,
      errors: [400, 404, 409],
    },
    async ({ params, body }) => {
      const saved = await manager.getCredential(params.id);
      const data = body.data
        ? replacedData(saved, body.data, manifestOf(saved.summary.type))
        : undefined;
      try {
        const updated = await manager.updateCredential(saved.summary.id, {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(data === undefined ? {} : { data }),
        });
        return { credential: withStatus(updated) };
      } catch (error) {
        throw underData(error);
      }
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/credentials/:id/test',
      summary: 'Run the type’s "Test connection"; a failed test is a normal answer (ok: false)',
      tag: 'credentials',
      params: byId,
      response: testResponse,
      errors: [404],
    },
    async ({ params }) => {
      const credential = await manager.getCredential(params.id);
      const redactor = credentialRedactor(credential, manifestOf(credential.summary.type));
      let answer: TestResponse;
      try {
        if (credential.summary.kind === 'oauth2' && credential.summary.isValid) {
          // Test with a token that is good now, as a run would.
          await connections.freshTokens(credential);
        }
        const result = await manager.testCredential(credential.summary.id);
        answer = result.ok
          ? { ok: true, message: result.message }
          : {
              ok: false,
              error: {
                code: 'test_failed',
                message: result.message,
                hint: result.hint ?? TEST_HINT,
              },
            };
      } catch (error) {
        if (!isIntegrationError(error)) throw error;
        answer = { ok: false, error: failureOf(error) };
      }
      return redactor.redactValue(answer);
    },
  );

  routes.add(
    {
      method: 'DELETE',
      url: '/api/credentials/:id',
      summary: 'Delete a credential, revoking its OAuth tokens where the provider allows',
      tag: 'credentials',
      params: byId,
      response: deleteResponse,
      errors: [404],
    },
    async ({ params }) => {
      const credential = await manager.getCredential(params.id);
      const deleted = await manager.deleteCredential(credential.summary.id, {
        ...(credential.summary.kind === 'oauth2' && credential.tokens
          ? { revoke: connections.revoker(credential) }
          : {}),
      });
      return { deleted: true as const, revoked: deleted.revoked ?? null };
    },
  );
}

/**
 * The form sends every non-secret field, so one it leaves out was cleared; it never had the
 * secret ones, so a secret field left out (or sent empty, as a masked input is) keeps its
 * saved value, which the manager's merge does.
 */
function replacedData(
  saved: DecryptedCredential,
  given: Record<string, unknown>,
  manifest: ManifestCredential | undefined,
): Record<string, unknown> {
  const secret = manifest ? secretFieldsOf(manifest) : undefined;
  const isSecret = (field: string) => !secret || secret.has(field);
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(given)) {
    if (isSecret(field) && value === '' && Object.hasOwn(saved.data, field)) continue;
    data[field] = value;
  }
  for (const field of Object.keys(saved.data)) {
    if (!Object.hasOwn(data, field) && !isSecret(field)) data[field] = undefined;
  }
  return data;
}
