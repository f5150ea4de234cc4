import { HINTS_KEY, type ManifestCredential } from '@knotwork/sdk';

/** OAuth client secrets are secret whatever a plugin's schema says. */
const ALWAYS_SECRET = ['clientSecret'];

/**
 * The fields of a credential type the browser never sees: the manifest's list, anything
 * its schema marks `x-knotwork.secret`, and OAuth client secrets. A field is withheld
 * whole when a secret sits anywhere inside it (a key file's object with a private key).
 */
export function secretFieldsOf(manifest: ManifestCredential): Set<string> {
  const fields = new Set([...manifest.secretFields, ...ALWAYS_SECRET]);
  const properties = (manifest.schema as { properties?: Record<string, unknown> }).properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    if (holdsSecret(property)) fields.add(name);
  }
  return fields;
}

function holdsSecret(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const hints = (schema as Record<string, unknown>)[HINTS_KEY] as { secret?: unknown } | undefined;
  if (hints?.secret === true) return true;
  return Object.entries(schema).some(([key, value]) =>
    key === HINTS_KEY
      ? false
      : Array.isArray(value)
        ? value.some(holdsSecret)
        : typeof value === 'object' && holdsSecret(value),
  );
}
