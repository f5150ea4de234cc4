import { field, z } from '@knotwork/sdk';

/**
 * Discord ids are 64-bit snowflakes, "always returned as strings" because they do not fit
 * a JavaScript number: one passed as a number would already have lost its last digits.
 * https://discord.com/developers/docs/reference#snowflakes
 */
export const snowflake = z
  .string({ error: 'Give the id as text (in quotes): Discord ids do not fit in a number' })
  .trim()
  .regex(/^\d{17,20}$/, 'A Discord id is 17 to 20 digits, e.g. 290926798999357250');

export function snowflakeField(label: string, description: string) {
  return field(snowflake, { label, description, placeholder: '290926798999357250' });
}
