import { z } from 'zod';
import { ApiError } from './api-error.js';
import {
  credentialTypeInfo as credentialTypeInfoSchema,
  nodeDetail as nodeDetailSchema,
  pluginDetailResponse,
  pluginListResponse,
} from './api-schemas.js';
import { credentialTypeInfo, nodeDetail, nodeSummary } from './catalog-entries.js';
import { pluginCard } from './plugin-card.js';
import type { StudioContext } from './studio-context.js';

export function registerPluginRoutes({ routes, workspace }: StudioContext): void {
  const { host, manager, types } = workspace;

  routes.add(
    {
      method: 'GET',
      url: '/api/plugins',
      summary: 'Installed integrations, with their connection status',
      tag: 'integrations',
      response: pluginListResponse,
    },
    async () => {
      const saved = await manager.listCredentials();
      return { plugins: host.plugins().map((plugin) => pluginCard(plugin, saved)) };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/plugins/:name',
      summary: 'One integration: its nodes and credential types',
      tag: 'integrations',
      params: z.object({ name: z.string() }),
      response: pluginDetailResponse,
      errors: [404],
    },
    async ({ params }) => {
      const plugin = host.plugins().find((candidate) => candidate.name === params.name);
      const manifest = host.manifest(params.name);
      if (!plugin || !manifest) {
        throw new ApiError(404, {
          code: 'unknown_plugin',
          message: `No plugin "${params.name}" is installed`,
          hint: 'See the installed ones at GET /api/plugins.',
        });
      }
      return {
        plugin: pluginCard(plugin, await manager.listCredentials()),
        nodes: manifest.nodes.map(nodeSummary),
        credentialTypes: manifest.credentials.map((type) => credentialTypeInfo(type, types)),
      };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/nodes/:key',
      summary: 'A node with its input and output JSON Schema',
      tag: 'integrations',
      params: z.object({ key: z.string() }),
      response: nodeDetailSchema,
      errors: [404],
    },
    async ({ params }) => nodeDetail(host.node(params.key)),
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/credential-types/:type',
      summary: 'A credential type: its form schema (secret fields marked) and OAuth details',
      tag: 'integrations',
      params: z.object({ type: z.string() }),
      response: credentialTypeInfoSchema,
      errors: [404],
    },
    async ({ params }) => credentialTypeInfo(host.credentialType(params.type), types),
  );
}
