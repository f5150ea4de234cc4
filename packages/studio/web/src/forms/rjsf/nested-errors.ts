import type { ErrorSchema } from '@rjsf/utils';

/**
 * The problems below a field that renders its whole value as one control (JSON text, a
 * file), where rjsf has no child field to show them on: "0.name: must be string".
 */
export function nestedErrors(tree: ErrorSchema | undefined, prefix = ''): string[] {
  if (!tree) return [];
  const messages: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (key === '__errors') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const own = (value as { __errors?: string[] } | undefined)?.__errors ?? [];
    for (const message of own) messages.push(`${path}: ${message}`);
    messages.push(...nestedErrors(value as ErrorSchema, path));
  }
  return messages;
}
