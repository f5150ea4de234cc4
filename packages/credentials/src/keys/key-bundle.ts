import { type MasterKey, masterKeyFromBase64, masterKeyToBase64 } from '../crypto/master-key.js';
import { credentialsError } from '../errors.js';

export const KEY_BUNDLE_FORMAT = 'knotwork-master-keys';
export const KEY_BUNDLE_VERSION = 1;

/**
 * A set of master keys as text: the key file's content and the export for backups and
 * moving machines. Versioned, and each key carries its id so a typo or a truncated copy is
 * caught (the id is recomputed from the key) instead of producing a useless key.
 */
export interface KeyBundle {
  active: string | undefined;
  keys: MasterKey[];
}

export function serializeKeyBundle(bundle: KeyBundle): string {
  const document = {
    format: KEY_BUNDLE_FORMAT,
    version: KEY_BUNDLE_VERSION,
    warning:
      'Anyone who can read this can decrypt the knotwork credentials encrypted with these keys.',
    active: bundle.active ?? null,
    keys: bundle.keys.map((key) => ({ id: key.id, key: masterKeyToBase64(key) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `source` names where the text came from, for the error ("the key file ~/.config/…"). */
export function parseKeyBundle(text: string, source: string): KeyBundle {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalidBundle(source, 'it is not JSON');
  }
  if (!isRecord(document) || document.format !== KEY_BUNDLE_FORMAT) {
    throw invalidBundle(source, `it does not say "format": "${KEY_BUNDLE_FORMAT}"`);
  }
  if (document.version !== KEY_BUNDLE_VERSION) {
    throw invalidBundle(
      source,
      `its version is ${String(document.version)}; this knotwork reads version ${KEY_BUNDLE_VERSION}`,
    );
  }
  if (!Array.isArray(document.keys)) throw invalidBundle(source, '"keys" is not a list');
  const keys = document.keys.map((entry: unknown, index: number) => {
    const key =
      isRecord(entry) && typeof entry.key === 'string' ? masterKeyFromBase64(entry.key) : undefined;
    if (!key) throw invalidBundle(source, `keys[${index}] is not base64 of 32 bytes`);
    if (!isRecord(entry) || entry.id !== key.id) {
      throw invalidBundle(
        source,
        `keys[${index}] does not match its id ${String(isRecord(entry) ? entry.id : '')} (the key was altered or cut short)`,
      );
    }
    return key;
  });
  const active = typeof document.active === 'string' ? document.active : undefined;
  if (active !== undefined && !keys.some((key) => key.id === active)) {
    throw invalidBundle(source, `its active key ${active} is not among its keys`);
  }
  return { active, keys };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidBundle(source: string, reason: string) {
  return credentialsError(
    'invalid_key_bundle',
    `${source} is not a usable set of knotwork master keys: ${reason}`,
    'Use the text `knotwork credentials export-key` printed, unchanged. Nothing was changed.',
  );
}
