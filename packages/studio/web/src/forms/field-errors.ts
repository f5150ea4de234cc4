import type { FieldProblem } from '../api/types.js';

/** rjsf's error tree: a node per field, `__errors` holding that field's messages. */
export type ErrorTree = { __errors?: string[]; [field: string]: ErrorTree | string[] | undefined };

/**
 * Places the API's field problems (`data.port`, `input.items.0.name`) on the form's fields.
 * `root` is the body key the form's value was sent under; problems outside it, or on the
 * value as a whole, land on the form itself.
 */
export function toErrorTree(fields: readonly FieldProblem[], root: string): ErrorTree {
  const tree: ErrorTree = {};
  for (const problem of fields) {
    const segments = splitPath(problem.path);
    if (segments[0] === root) segments.shift();
    let node = tree;
    for (const segment of segments) {
      const child = node[segment];
      if (child && !Array.isArray(child)) node = child;
      else {
        const created: ErrorTree = {};
        node[segment] = created;
        node = created;
      }
    }
    node.__errors = [...(node.__errors ?? []), problem.message];
  }
  return tree;
}

function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((segment) => segment.length > 0);
}
