// Grouping and searching the playground's node list, kept pure for tests.

export interface PickerNode {
  key: string;
  displayName: string;
  description: string;
  kind: string;
}

export interface PickerGroup<N extends PickerNode = PickerNode> {
  plugin: { name: string; displayName: string; icon: string | null };
  nodes: N[];
}

/** Groups whose plugin or nodes match every word of the query; a matching plugin keeps all its nodes. */
export function filterGroups<N extends PickerNode>(
  groups: readonly PickerGroup<N>[],
  query: string,
): PickerGroup<N>[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const matches = (text: string) => words.every((word) => text.toLowerCase().includes(word));
  const result: PickerGroup<N>[] = [];
  for (const group of groups) {
    const pluginText = `${group.plugin.name} ${group.plugin.displayName}`;
    const nodes = matches(pluginText)
      ? group.nodes
      : group.nodes.filter((node) =>
          matches(`${pluginText} ${node.key} ${node.displayName} ${node.description}`),
        );
    if (nodes.length > 0) result.push({ ...group, nodes });
  }
  return result;
}
