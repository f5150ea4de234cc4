import { baseUrlField, defineCredential, secret, z } from '@knotwork/sdk';

// TODO: the provider's real API root.
const DEFAULT_BASE_URL = 'https://api.{{name}}.example/v1';

export const apiKey = defineCredential({
  key: 'apiKey',
  displayName: '{{displayName}} API key',
  kind: 'apiKey',
  schema: z.object({
    apiKey: secret(z.string().min(1), {
      label: 'API key',
      description: 'Create one in {{displayName}} under Settings → API keys.',
    }),
    baseUrl: baseUrlField(DEFAULT_BASE_URL),
  }),
  authenticate: { type: 'bearer', field: 'apiKey' },
  baseUrl: { default: DEFAULT_BASE_URL, field: 'baseUrl' },
  // "Test connection": the cheapest authenticated call, naming whom the key belongs to.
  test: async (ctx) => {
    const { data } = await ctx.http.request<{ name: string }>({ url: '/me' });
    return { ok: true, message: `Connected as ${data.name}` };
  },
});
