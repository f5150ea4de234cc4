import type { DecryptedCredential } from '@knotwork/credentials';
import { type ManifestCredential, Redactor } from '@knotwork/sdk';
import { secretFieldsOf } from './secret-fields.js';

/**
 * The host and the credentials manager already mask a credential's secrets in what they
 * return; answers that went near a credential pass through this too, so a secret reaching
 * the browser takes two independent mistakes.
 */
export function credentialRedactor(
  credential: DecryptedCredential,
  manifest: ManifestCredential | undefined,
): Redactor {
  const secret = manifest ? secretFieldsOf(manifest) : undefined;
  const redactor = new Redactor();
  for (const [field, value] of Object.entries(credential.data)) {
    // Type unknown (plugin uninstalled): every string counts as secret.
    if (typeof value === 'string' && (!secret || secret.has(field))) redactor.add(value);
  }
  if (credential.tokens) {
    redactor.add(credential.tokens.accessToken, credential.tokens.refreshToken);
  }
  return redactor;
}

/**
 * A file a run produced, with the credential's secrets masked too: an API that echoes the
 * request (or a report that quotes it) must not hand the token over as a download. Text is
 * redacted as UTF-8; other bytes through latin1, which maps each byte to one character and
 * back, so everything but the masked secret stays byte-for-byte.
 */
export function redactBytes(redactor: Redactor, bytes: Uint8Array, mimeType: string): Uint8Array {
  if (redactor.size === 0) return bytes;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const encoding = isText(mimeType) ? 'utf8' : 'latin1';
  const text = buffer.toString(encoding);
  const redacted = redactor.redact(text);
  return redacted === text ? bytes : Buffer.from(redacted, encoding);
}

function isText(mimeType: string): boolean {
  return /^text\/|^application\/([\w.-]+\+)?(json|xml|javascript|x-www-form-urlencoded)\b/i.test(
    mimeType,
  );
}
