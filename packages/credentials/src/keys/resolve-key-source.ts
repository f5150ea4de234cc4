import { existsSync } from 'node:fs';
import { credentialsError } from '../errors.js';
import { EnvKeySource, MASTER_KEY_ENV } from './env-key-source.js';
import { FileKeySource } from './file-key-source.js';
import type { KeySource } from './key-source.js';
import { DEFAULT_KEYRING_SERVICE, KeyringKeySource } from './keyring-key-source.js';
import { type KeyringBackend, osKeyringBackend } from './os-keyring.js';

export const KEY_SOURCE_ENV = 'KNOTWORK_KEY_SOURCE';
const FORCEABLE = ['keyring', 'env', 'file'] as const;

export interface ResolveKeySourceOptions {
  /** The data directory (a key file inside it is refused). */
  dataDir: string;
  /** Wins over everything else. */
  keySource?: KeySource;
  env?: NodeJS.ProcessEnv;
  keyringService?: string;
  /** Where the key file's one-time warning goes. */
  warn?: (message: string) => void;
  /** Another keyring than the OS one (tests, other backends). */
  keyring?: KeyringBackend;
}

export interface ResolvedKeySource {
  source: KeySource;
  /** Why a preferred source was passed over, for `knotwork credentials` to show. */
  notes: string[];
}

/**
 * Picks the master key source: an explicit one, else KNOTWORK_MASTER_KEY, else the OS
 * keyring when a secret service answers, else the key file. KNOTWORK_KEY_SOURCE forces
 * one. A source that already holds the keys wins over an empty one, so a keyring that
 * appears later (a desktop login after a headless start) does not hide the key file's key.
 */
export async function resolveKeySource(
  options: ResolveKeySourceOptions,
): Promise<ResolvedKeySource> {
  if (options.keySource) return { source: options.keySource, notes: [] };
  const env = options.env ?? process.env;
  const service = options.keyringService ?? DEFAULT_KEYRING_SERVICE;
  const backend = options.keyring ?? osKeyringBackend;
  const keyringSource = () => new KeyringKeySource({ service, secrets: backend.open(service) });
  const file = (reason?: string) =>
    new FileKeySource({
      dataDir: options.dataDir,
      env,
      ...(reason ? { reason } : {}),
      ...(options.warn ? { warn: options.warn } : {}),
    });

  const forced = env[KEY_SOURCE_ENV]?.trim();
  if (forced) {
    switch (forced) {
      case 'env':
        if (!EnvKeySource.isConfigured(env)) {
          throw credentialsError(
            'master_key_missing',
            `${KEY_SOURCE_ENV}=env, but ${MASTER_KEY_ENV} is not set`,
            `Set ${MASTER_KEY_ENV} to base64 of 32 random bytes (\`openssl rand -base64 32\`), or unset ${KEY_SOURCE_ENV}.`,
          );
        }
        return { source: new EnvKeySource(env), notes: [] };
      case 'keyring': {
        const result = await backend.probe(service);
        if (!result.available) {
          throw credentialsError(
            'keyring_unavailable',
            `${KEY_SOURCE_ENV}=keyring, but the OS keyring cannot be used: ${result.reason}`,
            `Start a keyring (or run inside \`dbus-run-session\` with gnome-keyring unlocked), or unset ${KEY_SOURCE_ENV} to fall back to ${MASTER_KEY_ENV} or a key file.`,
          );
        }
        return { source: keyringSource(), notes: [] };
      }
      case 'file':
        return { source: file(`${KEY_SOURCE_ENV}=file`), notes: [] };
      default:
        throw credentialsError(
          'invalid_key_source',
          `${KEY_SOURCE_ENV} is "${forced}"`,
          `Use one of ${FORCEABLE.join(', ')}, or unset it to let knotwork choose.`,
        );
    }
  }

  if (EnvKeySource.isConfigured(env)) return { source: new EnvKeySource(env), notes: [] };

  const result = await backend.probe(service);
  if (result.available) {
    const keyring = keyringSource();
    if ((await keyring.activeKeyId()) !== undefined) return { source: keyring, notes: [] };
    const fallback = keyFileIfPresent(() => file());
    if (fallback) {
      return {
        source: fallback,
        notes: [
          `The OS keyring holds no knotwork key but ${fallback.describe()} does, so the file is used.`,
        ],
      };
    }
    return { source: keyring, notes: [] };
  }
  const note = `OS keyring not used: ${result.reason}`;
  return { source: file(note), notes: [note] };
}

/** The key file source when its file exists; a misplaced path is only an error when used. */
function keyFileIfPresent(create: () => FileKeySource): FileKeySource | undefined {
  try {
    const source = create();
    return existsSync(source.path) ? source : undefined;
  } catch {
    return undefined;
  }
}
