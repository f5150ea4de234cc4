import {
  defineCredential,
  defineNode,
  definePlugin,
  field,
  isIntegrationError,
  REDACTED,
  secret,
  z,
} from '@knotwork/sdk';
import { describe, expect, test } from 'vitest';
import { createHost } from '../src/index.js';

/** Secrets where credentials of real services keep them: inside an object, in a list, a whole object. */
const account = defineCredential({
  key: 'account',
  displayName: 'Account',
  kind: 'custom',
  schema: z.object({
    serviceAccount: z.object({ clientEmail: z.string(), privateKey: secret() }),
    keys: z.array(z.object({ id: z.string(), value: secret() })),
    signing: field(z.object({ kid: z.string(), material: z.string() }), { secret: true }),
  }),
  test: async () => ({ ok: true, message: 'ok' }),
});

const SECRETS = ['pk-nested-5b1e9c', 'list-key-77d0a2', 'kid-whole-31f8', 'material-whole-9ac4'];

const echo = defineNode({
  key: 'echo',
  kind: 'action',
  displayName: 'Echo',
  description: 'Says everything it was given',
  credentials: [account],
  input: z.object({ fail: z.boolean().default(false) }),
  output: z.unknown(),
  run: async (ctx, input) => {
    const everything = JSON.stringify(ctx.credential.data);
    ctx.logger.info(`using ${everything}`);
    if (input.fail) throw new Error(`cannot use ${everything}`);
    return { everything, data: ctx.credential.data };
  },
});

const plugin = definePlugin({
  name: 'nested',
  displayName: 'Nested',
  description: 'Nested secrets',
  categories: [],
  credentials: [account],
  nodes: [echo],
});

const credential = {
  key: 'account',
  data: {
    serviceAccount: { clientEmail: 'bot@example.test', privateKey: SECRETS[0] },
    keys: [{ id: 'first', value: SECRETS[1] }],
    signing: { kid: SECRETS[2], material: SECRETS[3] },
  },
};

describe('secrets nested in credential data', () => {
  test('are masked in the output, the logs and the error, like top-level ones', async () => {
    const lines: string[] = [];
    const host = await createHost({
      definitions: [plugin],
      logSink: (record) => lines.push(JSON.stringify(record)),
    });

    const output = await host.execute('nested.echo', {}, { credential });
    let failure: unknown;
    try {
      await host.execute('nested.echo', { fail: true }, { credential });
    } catch (error) {
      failure = error;
    }

    const seen = JSON.stringify(output) + lines.join('\n') + JSON.stringify(failure);
    expect(isIntegrationError(failure)).toBe(true);
    expect(seen).toContain(REDACTED);
    expect(seen).toContain('bot@example.test');
    for (const value of SECRETS) expect(seen).not.toContain(value);
  });
});
