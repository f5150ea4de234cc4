import type { PluginDefinition } from '@knotwork/sdk';
import type { PluginPackage } from './load-plugin.js';

/** What only the loaded code can tell: every credential can be tested, every node explains itself. */
export function checkDefinition(plugin: PluginPackage, definition: PluginDefinition): string[] {
  const problems: string[] = [];
  const expectedPackage = `@knotwork/plugin-${definition.name}`;
  if (plugin.name.startsWith('@knotwork/plugin-') && plugin.name !== expectedPackage) {
    problems.push(
      `package "${plugin.name}" holds plugin "${definition.name}" — name the package ${expectedPackage} or the plugin "${plugin.name.slice('@knotwork/plugin-'.length)}"`,
    );
  }
  for (const credential of definition.credentials) {
    if (typeof credential.test !== 'function') {
      problems.push(
        `credential "${credential.key}" has no test function — add test(ctx): a cheap authenticated call behind "Test connection"`,
      );
    }
  }
  for (const node of definition.nodes) {
    if (typeof node.description !== 'string' || node.description.trim() === '') {
      problems.push(
        `node "${node.key}" has no description — add one; the studio shows it under the node's name`,
      );
    }
  }
  return problems;
}
