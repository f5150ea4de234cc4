import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import {
  credentialTypeInfo as credentialTypeInfoSchema,
  nodeDetail as nodeDetailSchema,
  pluginDetailResponse,
  pluginDocsResponse,
  pluginListResponse,
} from './api-schemas.js';
import { credentialTypeInfo, nodeDetail, nodeSummary } from './catalog-entries.js';
import { pluginCard } from './plugin-card.js';
import { readPluginReadme } from './plugin-readme.js';
import type { StudioContext } from './studio-context.js';

export function registerPluginRoutes({ routes, workspace }: StudioContext): void {
  const { host, manager, types } = workspace;
  const installedPlugin = (name: string) => {
    const plugin = host.plugins().find((candidate) => candidate.name === name);
    if (!plugin) throw unknownPlugin(name);
    return plugin;
  };

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
      const plugin = installedPlugin(params.name);
      const manifest = host.manifest(params.name);
      if (!manifest) throw unknownPlugin(params.name);
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
      url: '/api/plugins/:name/docs',
      summary: 'An integration’s documentation: the README its package ships, as markdown',
      tag: 'integrations',
      params: z.object({ name: z.string() }),
      response: pluginDocsResponse,
      errors: [404],
    },
    async ({ params }) => {
      const plugin = installedPlugin(params.name);
      // In-memory plugins (tests, embedding apps) have no package folder; `source` says so.
      const markdown = isAbsolute(plugin.source)
        ? await readPluginReadme(plugin.source)
        : undefined;
      if (markdown === undefined) {
        throw new ApiError(404, {
          code: 'docs_not_found',
          message: `${plugin.displayName} ships no README`,
          hint: plugin.docsUrl
            ? `See ${plugin.docsUrl} in the knotwork repository.`
            : `Look for ${plugin.package} on npmjs.com or in its repository.`,
        });
      }
      return { markdown };
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

function unknownPlugin(name: string): ApiError {
  return new ApiError(404, {
    code: 'unknown_plugin',
    message: `No plugin "${name}" is installed`,
    hint: 'See the installed ones at GET /api/plugins.',
  });
}
