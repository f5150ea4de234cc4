import { FieldType, field, z } from '@knotwork/sdk';
import { snowflake } from './fields.js';

/**
 * Discord's message limits, checked before sending so the bad field is named at once.
 * https://discord.com/developers/docs/resources/message#create-message (content, embeds)
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedCharacters: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
} as const;

const embedField = z.looseObject({
  name: z.string(),
  value: z.string(),
  inline: z.boolean().optional(),
});

/** An embed as Discord takes it; lengths are checked in checkMessageLimits, counted as Discord does. */
const embed = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  timestamp: z.string().optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  footer: z.looseObject({ text: z.string(), icon_url: z.string().optional() }).optional(),
  author: z
    .looseObject({ name: z.string(), url: z.string().optional(), icon_url: z.string().optional() })
    .optional(),
  fields: z.array(embedField).optional(),
});
type Embed = z.output<typeof embed>;

/**
 * allowed_mentions: which @mentions in the content actually ping.
 * https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
const allowedMentions = z
  .strictObject({
    parse: z.array(z.enum(['roles', 'users', 'everyone'])).optional(),
    roles: z.array(snowflake).max(100).optional(),
    users: z.array(snowflake).max(100).optional(),
    replied_user: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    // "parse: ["users"] and users: [123, 124] ... we would throw a validation error".
    for (const kind of ['users', 'roles'] as const) {
      if (value.parse?.includes(kind) && value[kind] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [kind],
          message: `List ${kind} either in parse or by id, not both: Discord refuses the combination`,
        });
      }
    }
  });

/** Fields every message node shares: what the message says and who it pings. */
export const messageFields = {
  content: field(z.string().optional(), {
    field: FieldType.TEXT,
    label: 'Content',
    description: `Message text (Discord markdown), at most ${LIMITS.content} characters. Content or embeds are required.`,
  }),
  embeds: field(
    z
      .array(embed)
      .max(LIMITS.embeds, `Discord takes at most ${LIMITS.embeds} embeds per message`)
      .optional(),
    {
      field: FieldType.JSON,
      label: 'Embeds',
      description: `Up to ${LIMITS.embeds} rich embeds ({title, description, url, color, fields, footer, author, image, thumbnail}); ${LIMITS.embedCharacters} characters in all.`,
    },
  ),
  tts: field(z.boolean().optional(), {
    label: 'Text to speech',
    description: 'Read the message aloud to those viewing the channel.',
    advanced: true,
  }),
  allowed_mentions: field(allowedMentions.optional(), {
    field: FieldType.JSON,
    label: 'Allowed mentions',
    description:
      'Which mentions in the content ping, e.g. {"parse": []} for none. Set it when the content comes from users, so a stray @everyone does not ping.',
    advanced: true,
  }),
};

interface MessageBody {
  content?: string | undefined;
  embeds?: Embed[] | undefined;
}

/** Discord counts characters, not UTF-16 units, and trims each text first ("Leading and trailing whitespace ... are not included"). */
function characters(text: string | undefined): number {
  return text === undefined ? 0 : [...text.trim()].length;
}

/**
 * The cross-field rules: content or embeds, the content limit, each embed's part limits
 * and the 6000-character total across all embeds. Each problem names its field.
 */
export function checkMessageLimits(message: MessageBody, ctx: z.RefinementCtx): void {
  const hasContent = characters(message.content) > 0;
  const hasEmbeds = (message.embeds?.length ?? 0) > 0;
  if (!hasContent && !hasEmbeds) {
    for (const path of ['content', 'embeds']) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: 'Give the message content or at least one embed: Discord needs one of them',
      });
    }
  }
  const contentLength = characters(message.content);
  if (contentLength > LIMITS.content) {
    ctx.addIssue({
      code: 'custom',
      path: ['content'],
      message: `The content has ${contentLength} characters; Discord allows ${LIMITS.content}: shorten it or move text into an embed`,
    });
  }
  let total = 0;
  for (const [index, item] of (message.embeds ?? []).entries()) {
    total += checkEmbed(item, ['embeds', index], ctx);
  }
  if (total > LIMITS.embedCharacters) {
    ctx.addIssue({
      code: 'custom',
      path: ['embeds'],
      message: `The embeds hold ${total} characters of titles, descriptions, fields, footers and author names; Discord allows ${LIMITS.embedCharacters} in all`,
    });
  }
}

/** Checks one embed's parts and returns the characters it counts towards the 6000 total. */
function checkEmbed(item: Embed, at: Array<string | number>, ctx: z.RefinementCtx): number {
  const parts: Array<[Array<string | number>, string | undefined, number]> = [
    [['title'], item.title, LIMITS.title],
    [['description'], item.description, LIMITS.description],
    [['footer', 'text'], item.footer?.text, LIMITS.footerText],
    [['author', 'name'], item.author?.name, LIMITS.authorName],
  ];
  const fields = item.fields ?? [];
  if (fields.length > LIMITS.fields) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'fields'],
      message: `An embed takes at most ${LIMITS.fields} fields; this one has ${fields.length}`,
    });
  }
  for (const [index, entry] of fields.entries()) {
    parts.push([['fields', index, 'name'], entry.name, LIMITS.fieldName]);
    parts.push([['fields', index, 'value'], entry.value, LIMITS.fieldValue]);
    for (const key of ['name', 'value'] as const) {
      if (characters(entry[key]) === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'fields', index, key],
          message: `An embed field needs a non-empty ${key}`,
        });
      }
    }
  }
  let total = 0;
  for (const [path, text, limit] of parts) {
    const length = characters(text);
    total += length;
    if (length > limit) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, ...path],
        message: `${length} characters; Discord allows ${limit} here`,
      });
    }
  }
  return total;
}
