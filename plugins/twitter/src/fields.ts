import { FieldType, field, z } from '@knotwork/sdk';

/** Post and user ids are decimal snowflakes of up to 19 digits. https://docs.x.com/fundamentals/x-ids */
const SNOWFLAKE = /^\d{1,19}$/;

/** https://x.com/<user>/status/<id>, twitter.com too, with or without query or /photo/1 after it. */
const POST_URL =
  /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/[^/]+\/status(?:es)?\/(\d{1,19})/i;

/**
 * A post id, or the post's link: people copy the link from the app, and X's API wants the
 * id alone.
 */
export function postId(label: string, description: string) {
  return field(
    z
      .string()
      .trim()
      .transform((value) => POST_URL.exec(value)?.[1] ?? value)
      .pipe(
        z
          .string()
          .regex(
            SNOWFLAKE,
            'Give a post id (digits only, e.g. 1346889436626259968) or the post link (https://x.com/user/status/1346889436626259968)',
          ),
      ),
    { label, description, placeholder: '1346889436626259968' },
  );
}

/** A user id: digits only. */
export const userId = z
  .string()
  .trim()
  .regex(SNOWFLAKE, 'A user id is digits only, e.g. 2244994945');

/**
 * A username as X checks it: "^[A-Za-z0-9_]{1,15}$". The @ people type in front, or the
 * profile link, is taken off first.
 */
export const username = z
  .string()
  .trim()
  .transform((value) =>
    value.replace(/^https?:\/\/(?:www\.)?(?:x|twitter)\.com\//i, '').replace(/^@/, ''),
  )
  .pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_]{1,15}$/,
        'A username is 1 to 15 letters, digits or underscores, e.g. XDevelopers (with or without @)',
      ),
  );

/**
 * A fields or expansions list: X takes them comma-separated (tweet.fields=created_at,lang).
 * Accepts an array or the comma-separated text, so both a form and an expression work.
 */
export function fieldList(label: string, description: string, placeholder: string) {
  return field(
    z
      .union([z.array(z.string()), z.string()])
      .transform((value) =>
        (Array.isArray(value) ? value : value.split(','))
          .map((name) => name.trim())
          .filter((name) => name !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[a-z_.]+$/, 'Field and expansion names are like created_at or author_id'),
        ),
      )
      .optional(),
    { field: FieldType.STRING, label, description, placeholder, advanced: true },
  );
}

/** The list as X wants it in the query string, or nothing when empty. */
export function commaList(names: readonly string[] | undefined): string | undefined {
  return names && names.length > 0 ? names.join(',') : undefined;
}
