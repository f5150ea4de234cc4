/**
 * The one module that talks to the OS keyring (macOS Keychain, Windows Credential
 * Manager, the Secret Service on Linux) through @napi-rs/keyring. Another backend — the
 * kernel keyring, a cloud vault — replaces this file and nothing else.
 */

/** Named secrets under one service name. */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
  accounts(): Promise<string[]>;
}

type KeyringModule = typeof import('@napi-rs/keyring');

// Loaded on first use: a platform without a prebuilt binary must still be able to use the
// environment or file key source.
let keyringModule: Promise<KeyringModule> | undefined;
function loadKeyring(): Promise<KeyringModule> {
  keyringModule ??= import('@napi-rs/keyring');
  return keyringModule;
}

// On Linux the library falls back to the kernel keyring when the Secret Service is
// missing; that keyring is emptied at reboot, and a master key kept there would take every
// credential with it. Pin the persistent store and let the caller fall back explicitly.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

export function osKeyring(service: string): SecretStore {
  const entry = async (account: string) =>
    new (await loadKeyring()).AsyncEntry(service, account, ENTRY_OPTIONS);
  return {
    async get(account) {
      return (await (await entry(account)).getPassword()) ?? undefined;
    },
    async set(account, secret) {
      await (await entry(account)).setPassword(secret);
    },
    async delete(account) {
      await (await entry(account)).deletePassword();
    },
    async accounts() {
      const { findCredentialsAsync } = await loadKeyring();
      return (await findCredentialsAsync(service)).map((credential) => credential.account);
    },
  };
}

export type KeyringProbe = { available: true } | { available: false; reason: string };

/** A keyring as the key source resolver sees it: whether it answers, and its secrets. */
export interface KeyringBackend {
  probe(service: string): Promise<KeyringProbe>;
  open(service: string): SecretStore;
}

export const osKeyringBackend: KeyringBackend = {
  probe: (service) => probeOsKeyring(service),
  open: (service) => osKeyring(service),
};

/** Whether the OS keyring answers, and if not, why in words a person can act on. */
export async function probeOsKeyring(service: string, timeoutMs = 5_000): Promise<KeyringProbe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the OS keyring did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    await Promise.race([osKeyring(service).get('active'), timeout]);
    return { available: true };
  } catch (error) {
    return { available: false, reason: explainKeyringFailure(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function explainKeyringFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/X11 for dbus-daemon autolaunch|DBUS_SESSION_BUS_ADDRESS/i.test(message)) {
    return (
      'no D-Bus session bus is running (DBUS_SESSION_BUS_ADDRESS is not set), so the OS keyring ' +
      '(Secret Service) cannot be reached; this is usual on servers, in containers and over SSH'
    );
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any/i.test(message)) {
    return 'a D-Bus session is running but no Secret Service answers on it (start gnome-keyring or KeePassXC with its Secret Service enabled)';
  }
  if (/locked/i.test(message)) return 'the OS keyring is locked';
  if (/Cannot find (module|native binding)|Failed to load native binding/i.test(message)) {
    return `@napi-rs/keyring has no binary for this platform (${process.platform}-${process.arch})`;
  }
  if (/did not answer within/.test(message)) {
    return `${message} (a locked keyring may be waiting for a password prompt)`;
  }
  return `the OS keyring failed: ${message}`;
}
