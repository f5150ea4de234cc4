import { FieldType, field, z } from '@knotwork/sdk';
import { notionIdFrom } from './notion-ids.js';

/** A page or database id, taken from an id or from the link a person copies in Notion. */
export function notionIdField(kind: 'page' | 'database', label: string, description: string) {
  const link =
    kind === 'database'
      ? 'https://www.notion.so/acme/d9824bdc84454327be8b5b47500af6ce?v=…'
      : 'https://www.notion.so/acme/Tuscan-kale-598337872cf94fdf8782e53db20768a5';
  return field(
    z.string().transform((value, ctx) => {
      const id = notionIdFrom(value, kind);
      if (id) return id;
      ctx.addIssue({
        code: 'custom',
        message: `Give the ${kind} ID (32 hexadecimal characters, dashes optional) or its Notion link, e.g. ${link}`,
      });
      return z.NEVER;
    }),
    { label, description, placeholder: link },
  );
}

/**
 * A JSON object, given as an object or as JSON text (a pasted filter, or a workflow expression
 * that produced text).
 */
export function jsonObjectField(label: string, description: string) {
  const shape = `${label} must be a JSON object, e.g. {"…": …}`;
  return field(
    z
      .union([z.record(z.string(), z.unknown()), z.string()], { error: shape })
      .transform((value, ctx) => {
        const parsed = typeof value === 'string' ? parseJson(value) : value;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          return parsed as Record<string, unknown>;
        }
        ctx.addIssue({ code: 'custom', message: shape });
        return z.NEVER;
      })
      .optional(),
    { field: FieldType.JSON, label, description },
  );
}

/** A JSON array of objects, given as an array or as JSON text. */
export function jsonArrayField(
  label: string,
  description: string,
  limit?: { max: number; message: string },
) {
  const shape = `${label} must be a JSON array of objects, e.g. [{"…": …}]`;
  const objects = z.array(z.record(z.string(), z.unknown()), { error: shape });
  return field(
    z
      .union([z.array(z.unknown()), z.string()], { error: shape })
      .transform((value) => (typeof value === 'string' ? parseJson(value) : value))
      .pipe(limit ? objects.max(limit.max, limit.message) : objects)
      .optional(),
    { field: FieldType.JSON, label, description },
  );
}

/** JSON text, or undefined when it is not JSON (the caller names the field). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An emoji or an image URL, or Notion's own icon object. https://developers.notion.com/reference/page#page-icon */
export const iconField = field(
  z
    .union([z.string().trim().min(1), z.looseObject({ type: z.string() })])
    .transform((icon) => {
      if (typeof icon !== 'string') return icon;
      return URL.canParse(icon) && /^https?:/i.test(icon)
        ? { type: 'external', external: { url: icon } }
        : { type: 'emoji', emoji: icon };
    })
    .optional(),
  {
    label: 'Icon',
    description: "An emoji (🥬) or an image URL; or Notion's icon object.",
    placeholder: '🥬',
    advanced: true,
  },
);

/** An image URL, or Notion's own file object. https://developers.notion.com/reference/page#page-cover-image */
export const coverField = field(
  z
    .union([z.url({ protocol: /^https?$/ }), z.looseObject({ type: z.string() })])
    .transform((cover) =>
      typeof cover === 'string' ? { type: 'external', external: { url: cover } } : cover,
    )
    .optional(),
  {
    label: 'Cover',
    description: "An image URL, or Notion's file object.",
    placeholder: 'https://upload.wikimedia.org/wikipedia/commons/6/62/Tuscankale.jpg',
    advanced: true,
  },
);

/**
 * Page properties in Notion's API shape, keyed by property name or id.
 * https://developers.notion.com/reference/page-property-values
 */
export function propertiesField(description: string) {
  return jsonObjectField('Properties', description);
}
