import type { ManifestCredential } from '@knotwork/sdk';
import { describe, expect, test } from 'vitest';
import { secretFieldsOf } from '../src/server/secret-fields.js';

function credentialType(schema: Record<string, unknown>, secretFields: string[] = []) {
  return {
    type: 'acme.key',
    key: 'key',
    displayName: 'Key',
    kind: 'custom',
    secretFields,
    schema,
  } as unknown as ManifestCredential;
}

describe('which credential fields never reach the browser', () => {
  test('fields the manifest lists, fields marked secret, and OAuth client secrets', () => {
    const fields = secretFieldsOf(
      credentialType(
        {
          type: 'object',
          properties: {
            token: { type: 'string', 'x-knotwork': { secret: true } },
            account: { type: 'string' },
            clientSecret: { type: 'string' },
          },
        },
        ['legacyKey'],
      ),
    );
    expect([...fields].sort()).toEqual(['clientSecret', 'legacyKey', 'token']);
  });

  test('a field with a secret anywhere inside it is withheld whole', () => {
    const fields = secretFieldsOf(
      credentialType({
        type: 'object',
        properties: {
          keyFile: {
            type: 'object',
            properties: {
              client_email: { type: 'string' },
              private_key: { type: 'string', 'x-knotwork': { secret: true } },
            },
          },
          keys: {
            type: 'array',
            items: { anyOf: [{ type: 'string', 'x-knotwork': { secret: true } }] },
          },
          region: { type: 'object', properties: { name: { type: 'string' } } },
        },
      }),
    );
    expect(fields.has('keyFile')).toBe(true);
    expect(fields.has('keys')).toBe(true);
    expect(fields.has('region')).toBe(false);
  });
});
