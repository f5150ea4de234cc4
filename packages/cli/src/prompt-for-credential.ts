import type { ManifestCredential } from '@knotwork/sdk';
import { IntegrationError } from '@knotwork/sdk';
import type { Prompter } from './io.js';

interface PropertySchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  'x-knotwork'?: { secret?: boolean; advanced?: boolean; placeholder?: string };
}

/**
 * Asks for each field of a credential type, in schema order: secrets typed hidden, choices
 * as a list, optional fields skippable with Enter. Values are checked by the plugin's own
 * schema when saved, so a typo is named there with what was expected.
 */
export async function promptForCredential(
  credential: ManifestCredential,
  prompter: Prompter,
  options: { skip?: string[] } = {},
): Promise<Record<string, unknown>> {
  const properties = (credential.schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((credential.schema.required as string[] | undefined) ?? []);
  const secrets = new Set(credential.secretFields);
  const data: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (options.skip?.includes(name)) continue;
    const hints = property['x-knotwork'] ?? {};
    const isRequired = required.has(name);
    const label = `${property.title ?? name}${isRequired ? '' : ' (optional, Enter to skip)'}`;
    const message = property.description ? `${label} — ${property.description}` : label;
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    let value: unknown;
    if (secrets.has(name) || hints.secret) {
      value = await prompter.password({ message });
    } else if (property.enum) {
      value = await prompter.select({
        message,
        choices: property.enum.map(String),
        ...(property.default === undefined ? {} : { default: String(property.default) }),
      });
    } else if (type === 'boolean') {
      value = await prompter.confirm({
        message,
        ...(typeof property.default === 'boolean' ? { default: property.default } : {}),
      });
    } else {
      const text = await prompter.input({
        message,
        ...(property.default === undefined ? {} : { default: String(property.default) }),
        required: isRequired,
      });
      value = type === 'number' || type === 'integer' ? toNumber(text, name) : text;
    }
    if (value === '' && !isRequired) continue;
    data[name] = value;
  }
  return data;
}

function toNumber(text: string, name: string): number | string {
  if (text.trim() === '') return text;
  const number = Number(text);
  if (Number.isNaN(number)) {
    throw new IntegrationError({
      service: 'knotwork',
      code: 'invalid_input',
      message: `${name}: "${text}" is not a number`,
      hint: `Type a number for ${name}.`,
      fields: [{ path: name, message: 'Expected a number', expected: 'number' }],
    });
  }
  return number;
}
