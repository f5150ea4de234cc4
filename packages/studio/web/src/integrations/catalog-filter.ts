// Search and category filtering of the integrations catalog, kept pure for tests.

export interface Searchable {
  name: string;
  displayName: string;
  description: string;
  categories: string[];
}

/** Categories as people read them: "Developer tools" and "Developer Tools" are one. */
export function categoriesOf(plugins: readonly Searchable[]): string[] {
  const byKey = new Map<string, string>();
  for (const plugin of plugins) {
    for (const category of plugin.categories) {
      const key = categoryKey(category);
      if (!byKey.has(key)) byKey.set(key, category);
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

export function categoryKey(category: string): string {
  return category.trim().toLowerCase();
}

/** Every word of the query must appear in the name, description or a category. */
export function filterCatalog<T extends Searchable>(
  plugins: readonly T[],
  query: string,
  category: string | undefined,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const wantedCategory = category ? categoryKey(category) : undefined;
  return plugins.filter((plugin) => {
    if (wantedCategory && !plugin.categories.some((c) => categoryKey(c) === wantedCategory)) {
      return false;
    }
    const haystack = [plugin.name, plugin.displayName, plugin.description, ...plugin.categories]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
