import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  baseUrlField,
  binaryField,
  binaryJsonSchema,
  buildManifest,
  credentialField,
  defineCredential,
  defineNode,
  defineOAuthProvider,
  definePlugin,
  FieldType,
  field,
  HINTS_KEY,
  MANIFEST_VERSION,
  manifestSchema,
  SDK_VERSION,
  secret,
  serializeManifest,
  toJsonSchema,
  z,
} from '../src/index.js';

const botToken = defineCredential({
  key: 'botToken',
  displayName: 'Bot token',
  description: 'A bot user OAuth token (xoxb-...)',
  kind: 'apiKey',
  schema: z.object({
    token: secret(z.string().startsWith('xoxb-'), { label: 'Bot token' }),
    signingSecret: secret().optional(),
    workspace: z.string().optional(),
    baseUrl: baseUrlField('https://slack.com/api'),
  }),
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: 'https://slack.com/api', field: 'baseUrl' },
  test: async () => ({ ok: true, message: 'ok' }),
});

const oauth = defineCredential({
  key: 'oauth',
  displayName: 'Sign in with Slack',
  kind: 'oauth2',
  oauth: { provider: 'slack', scopes: ['chat'] },
  schema: z.object({}),
  test: async () => ({ ok: true, message: 'ok' }),
});

const sendMessage = defineNode({
  key: 'sendMessage',
  kind: 'action',
  displayName: 'Send message',
  description: 'Posts a message to a channel',
  credentials: [botToken, oauth],
  timeoutMs: 60_000,
  input: z.object({
    credential: credentialField(['slack.botToken', 'slack.oauth'], { label: 'Slack account' }),
    channel: field(z.string().min(1), {
      label: 'Channel',
      description: 'Channel id or #name',
      placeholder: '#general',
    }),
    text: field(z.string(), { label: 'Text', field: FieldType.TEXT }),
    unfurl: z.boolean().default(true),
    file: binaryField({
      label: 'Attachment',
      description: 'A file from an earlier node',
    }).optional(),
  }),
  output: z.object({ ts: z.string(), channel: z.string() }),
  run: async () => ({ ts: '1', channel: 'C1' }),
});

const newMessage = defineNode({
  key: 'newMessage',
  kind: 'trigger',
  displayName: 'New message',
  description: 'Fires for each new message',
  credentials: [botToken],
  trigger: { type: 'polling', intervalSeconds: 60 },
  input: z.object({ channel: z.string() }),
  output: z.object({ text: z.string() }),
  poll: async () => [],
});

const plugin = definePlugin({
  name: 'slack',
  displayName: 'Slack',
  description: 'Team chat',
  categories: ['communication'],
  docsUrl: 'https://api.slack.com',
  credentials: [botToken, oauth],
  oauthProviders: [
    defineOAuthProvider({
      key: 'slack',
      displayName: 'Slack',
      authorizationUrl: 'https://slack.com/oauth/v2/authorize',
      tokenUrl: 'https://slack.com/api/oauth.v2.access',
      scopes: { chat: ['chat:write'] },
      scopeSeparator: ',',
    }),
  ],
  nodes: [sendMessage, newMessage],
  policy: {
    rateLimit: { rules: [{ requests: 1, perSeconds: 1, pathPrefix: '/chat.postMessage' }] },
  },
});

const manifest = buildManifest(plugin, {
  name: '@knotwork/plugin-slack',
  version: '1.2.3',
  sdkRange: '^0.1.0',
});
const send = manifest.nodes.find((node) => node.key === 'slack.sendMessage')!;
const input = send.input as {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
};

describe('input JSON Schema', () => {
  test('a field carries its label, description and UI hints', () => {
    expect(input.properties.channel).toEqual({
      type: 'string',
      minLength: 1,
      title: 'Channel',
      description: 'Channel id or #name',
      [HINTS_KEY]: { placeholder: '#general' },
    });
    expect(input.properties.text?.[HINTS_KEY]).toEqual({ field: 'text' });
  });

  test('a credential field says which credential types may be picked', () => {
    expect(input.properties.credential).toMatchObject({
      type: 'string',
      title: 'Slack account',
      [HINTS_KEY]: { field: 'credential', credentialTypes: ['slack.botToken', 'slack.oauth'] },
    });
  });

  test('a binary field is rendered as the binary JSON Schema with its label', () => {
    expect(input.properties.file).toEqual({
      ...binaryJsonSchema,
      title: 'Attachment',
      description: 'A file from an earlier node',
    });
  });

  test('fields with a default or marked optional are not required', () => {
    expect(input.required.sort()).toEqual(['channel', 'credential', 'text']);
    expect(input.properties.unfurl).toMatchObject({ type: 'boolean', default: true });
  });

  test('toJsonSchema leaves out the $schema line', () => {
    expect(toJsonSchema(z.object({ a: z.string() }))).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
  });
});

describe('manifest', () => {
  test('describes the plugin, its package and the SDK range, but not the package version', () => {
    // A release bump must not make every committed manifest stale.
    expect(manifest).not.toHaveProperty('version');
    expect(manifest).toMatchObject({
      manifestVersion: MANIFEST_VERSION,
      name: 'slack',
      package: '@knotwork/plugin-slack',
      sdk: '^0.1.0',
      displayName: 'Slack',
      categories: ['communication'],
      docsUrl: 'https://api.slack.com',
    });
    expect(manifest.rateLimit.rules).toEqual([
      { requests: 1, perSeconds: 1, scope: 'credential', pathPrefix: '/chat.postMessage' },
    ]);
  });

  test('lists a credential type with its secret fields, authentication and base URL', () => {
    const credential = manifest.credentials.find(
      (candidate) => candidate.type === 'slack.botToken',
    )!;

    expect(credential.secretFields).toEqual(['token', 'signingSecret']);
    expect(credential.authentication).toBe('bearer');
    expect(credential.baseUrl).toBe('https://slack.com/api');
    expect(credential.description).toBe('A bot user OAuth token (xoxb-...)');
    const schema = credential.schema as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties.token?.[HINTS_KEY]).toEqual({ field: 'secret', secret: true });
    expect(schema.properties.baseUrl?.[HINTS_KEY]).toMatchObject({
      advanced: true,
      placeholder: 'https://slack.com/api',
    });
  });

  test('an oauth2 credential names its provider, scopes and grant', () => {
    const credential = manifest.credentials.find((candidate) => candidate.type === 'slack.oauth')!;

    expect(credential.kind).toBe('oauth2');
    expect(credential.authentication).toBe('oauth2');
    expect(credential.oauth).toEqual({
      provider: 'slack',
      scopes: ['chat'],
      grant: 'authorization_code',
    });
    expect(manifest.oauthProviders[0]?.scopeSeparator).toBe(',');
  });

  test('a node lists its credential types as a credential field', () => {
    expect(send.credential).toEqual({
      field: 'credential',
      types: ['slack.botToken', 'slack.oauth'],
      required: true,
    });
    expect(send.name).toBe('sendMessage');
    expect(send.timeoutMs).toBe(60_000);
    expect(send.output).toMatchObject({ required: ['ts', 'channel'] });
  });

  test('a trigger keeps its trigger description', () => {
    const trigger = manifest.nodes.find((node) => node.key === 'slack.newMessage')!;

    expect(trigger.kind).toBe('trigger');
    expect(trigger.trigger).toEqual({ type: 'polling', intervalSeconds: 60 });
  });

  test('validates against the manifest format, also after a round trip through its JSON text', () => {
    expect(manifestSchema.safeParse(manifest).success).toBe(true);
    const text = serializeManifest(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    const reread = manifestSchema.safeParse(JSON.parse(text));
    expect(reread.success).toBe(true);
    expect(reread.data).toEqual(JSON.parse(text));
  });

  test('the manifest format rejects a manifest missing a field, naming it', () => {
    const { displayName: _displayName, ...rest } = manifest;
    const parsed = manifestSchema.safeParse(rest);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['displayName']);
  });

  test('SDK_VERSION is the version in the SDK package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
