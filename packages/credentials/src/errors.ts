import { closestNames, IntegrationError } from '@knotwork/sdk';

/** Every error this package raises carries this service name. */
export const SERVICE = 'credentials';

export function credentialsError(
  code: string,
  message: string,
  hint: string,
  extra: { details?: Record<string, unknown>; cause?: unknown; retryable?: boolean } = {},
): IntegrationError {
  return new IntegrationError({ service: SERVICE, code, message, hint, ...extra });
}

export function credentialNotFound(reference: string, knownNames: string[]): IntegrationError {
  const suggestions = closestNames(reference, knownNames);
  const hint =
    suggestions.length > 0
      ? `Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?`
      : knownNames.length > 0
        ? 'List the saved credentials with `knotwork credentials list`.'
        : 'No credential is saved yet: add one with `knotwork credentials add <type>`.';
  return credentialsError(
    'credential_not_found',
    `No saved credential is named or has the id ${quotedReference(reference)}`,
    hint,
  );
}

/** Longest reference echoed whole; ids are 36 characters, most names shorter. */
const ECHO_LIMIT = 40;

/**
 * A reference as errors may show it. People paste a token where a credential name belongs
 * (`--credential xoxb-…`), and the error must not carry it into logs: long references
 * show only their start.
 */
function quotedReference(reference: string): string {
  if (reference.length <= ECHO_LIMIT && !looksLikeToken(reference)) return `"${reference}"`;
  return `"${reference.slice(0, 4)}…" (${reference.length} characters, not shown in full)`;
}

/** Long runs of letters and digits mixed with _ or - and no spaces, like API tokens. */
function looksLikeToken(reference: string): boolean {
  return (
    reference.length >= 24 &&
    /^[A-Za-z0-9_\-.]+$/.test(reference) &&
    /\d/.test(reference) &&
    /[A-Za-z]/.test(reference) &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(reference)
  );
}

/** Where a decryption failed, for the messages: the credential a person recognises. */
export interface RecordLabel {
  /** The credential's name (or id when the name is unknown). */
  credential: string;
  /** What was being read: "data", "access token", "refresh token", "pending authorization". */
  field: string;
}

export function wrongMasterKey(
  label: RecordLabel | undefined,
  expectedKeyId: string,
  loadedKeyIds: string[],
  keyLocations: string,
): IntegrationError {
  const what = label ? `The ${label.field} of credential "${label.credential}" is` : 'The store is';
  const loaded =
    loadedKeyIds.length > 0 ? `the keys loaded are ${loadedKeyIds.join(', ')}` : 'no key is loaded';
  return credentialsError(
    'wrong_master_key',
    `${what} encrypted with master key ${expectedKeyId}, but ${loaded}`,
    `knotwork looked for master keys in: ${keyLocations}. Restore the key with id ${expectedKeyId} ` +
      '(`knotwork credentials import-key` with a backup made by `export-key`, or the ' +
      'KNOTWORK_MASTER_KEY it was created with). Nothing was changed.',
    { details: { expectedKeyId, loadedKeyIds } },
  );
}

export function tamperedRecord(label: RecordLabel, reason: string): IntegrationError {
  return credentialsError(
    'tampered_record',
    `The ${label.field} of credential "${label.credential}" failed its integrity check: ${reason}`,
    'The stored ciphertext was changed outside knotwork, or copied from another record. ' +
      'Restore the database from a backup, or delete the credential and add it again. Nothing was changed.',
  );
}
