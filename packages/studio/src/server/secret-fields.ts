import { HINTS_KEY, type ManifestCredential } from '@knotwork/sdk';

/** OAuth client secrets are secret whatever a plugin's schema says. */
const ALWAYS_SECRET = ['clientSecret'];

/**
 * The fields of a credential type the browser never sees: the manifest's list, anything
 * its schema marks `x-knotwork.secret`, and OAuth client secrets.
 */
export function secretFieldsOf(manifest: ManifestCredential): Set<string> {
  const fields = new Set([...manifest.secretFields, ...ALWAYS_SECRET]);
  const properties = (manifest.schema as { properties?: Record<string, unknown> }).properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const hints = (property as Record<string, unknown> | null)?.[HINTS_KEY] as
      | { secret?: unknown }
      | undefined;
    if (hints?.secret === true) fields.add(name);
  }
  return fields;
}
