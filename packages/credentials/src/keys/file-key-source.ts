import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { MasterKey } from '../crypto/master-key.js';
import { credentialsError } from '../errors.js';
import { isInside, knotworkConfigDir } from '../paths.js';
import { type KeyBundle, parseKeyBundle, serializeKeyBundle } from './key-bundle.js';
import type { KeySource } from './key-source.js';

export const KEY_FILE_ENV = 'KNOTWORK_KEY_FILE';
export const KEY_FILE_NAME = 'master-key.json';

export interface FileKeySourceOptions {
  /** The data directory; the key file may not be inside it. */
  dataDir: string;
  /** Default: KNOTWORK_KEY_FILE, else `<config dir>/knotwork/master-key.json`. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  /** Why the file is used (e.g. why the OS keyring was not), quoted in the warning. */
  reason?: string;
  /** Where the one-time warning goes (default: stderr). */
  warn?: (message: string) => void;
}

/** Paths already warned about in this process: the warning is said once, not per command. */
const warnedPaths = new Set<string>();

/**
 * The last-resort key source: a JSON file readable by its owner only. Kept under the
 * config directory, never inside the data directory, so a copy or backup of the data
 * alone does not carry the key that opens it.
 */
export class FileKeySource implements KeySource {
  readonly kind = 'file' as const;
  readonly writable = true;
  readonly path: string;
  readonly #reason: string | undefined;
  readonly #warn: (message: string) => void;

  constructor(options: FileKeySourceOptions) {
    const env = options.env ?? process.env;
    this.path = options.path ?? (env[KEY_FILE_ENV] || join(knotworkConfigDir(env), KEY_FILE_NAME));
    if (isInside(this.path, options.dataDir)) {
      throw credentialsError(
        'key_file_in_data_dir',
        `The master key file ${this.path} would be inside the data directory ${options.dataDir}`,
        `Keep the key apart from the data it opens: anyone with a copy of ${options.dataDir} would have both. ` +
          `Point ${KEY_FILE_ENV} (or XDG_CONFIG_HOME) somewhere outside it, or set KNOTWORK_MASTER_KEY.`,
      );
    }
    this.#reason = options.reason;
    this.#warn = options.warn ?? ((message) => process.stderr.write(`${message}\n`));
  }

  describe(): string {
    return `the key file ${this.path}`;
  }

  async loadKeys(): Promise<Map<string, MasterKey>> {
    const bundle = this.#read();
    return new Map(bundle.keys.map((key) => [key.id, key]));
  }

  async activeKeyId(): Promise<string | undefined> {
    return this.#read().active;
  }

  async addKey(key: MasterKey): Promise<void> {
    this.#update((bundle) =>
      bundle.keys.some((existing) => existing.id === key.id)
        ? bundle
        : { ...bundle, keys: [...bundle.keys, key] },
    );
  }

  async setActiveKey(id: string): Promise<void> {
    this.#update((bundle) => {
      if (!bundle.keys.some((key) => key.id === id)) {
        throw new Error(`The key file ${this.path} has no key ${id} to make active`);
      }
      return { ...bundle, active: id };
    });
  }

  async removeKey(id: string): Promise<void> {
    this.#update((bundle) => ({
      active: bundle.active === id ? undefined : bundle.active,
      keys: bundle.keys.filter((key) => key.id !== id),
    }));
  }

  #read(): KeyBundle {
    let text: string;
    try {
      this.#checkPermissions();
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { active: undefined, keys: [] };
      throw error;
    }
    this.#warnOnce();
    return parseKeyBundle(text, `The key file ${this.path}`);
  }

  #checkPermissions(): void {
    // Windows has no POSIX modes; its ACLs are not checked here.
    if (process.platform === 'win32') return;
    const mode = statSync(this.path).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    throw credentialsError(
      'insecure_key_file',
      `The master key file ${this.path} has permissions ${mode.toString(8).padStart(4, '0')}; knotwork uses it only when its owner alone can read it (0600)`,
      'Anyone who can read this file can decrypt every saved credential. If nobody else could have read it, ' +
        `run \`chmod 600 ${this.path}\`; otherwise also run \`knotwork credentials rotate-key\` afterwards.`,
    );
  }

  /** Read, change, write back atomically: a crash mid-write leaves the old file whole. */
  #update(change: (bundle: KeyBundle) => KeyBundle): void {
    for (let attempt = 0; ; attempt++) {
      const exists = fileExists(this.path);
      const next = change(this.#read());
      const draft = this.#writeDraft(serializeKeyBundle(next));
      try {
        if (exists) {
          renameSync(draft, this.path);
        } else {
          // link() fails when the file appeared meanwhile: two processes generating the
          // first key at once must not overwrite each other's key. The loser re-reads.
          linkSync(draft, this.path);
          unlinkSync(draft);
        }
        this.#warnOnce();
        return;
      } catch (error) {
        unlinkQuietly(draft);
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
    }
  }

  #writeDraft(text: string): string {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const draft = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(draft, text, { mode: 0o600, flag: 'wx' });
    // The mode given to writeFile is filtered through the umask; set it outright.
    chmodSync(draft, 0o600);
    return draft;
  }

  #warnOnce(): void {
    if (warnedPaths.has(this.path)) return;
    warnedPaths.add(this.path);
    this.#warn(
      `knotwork: the credentials master key is kept in the file ${this.path}. Anyone who can ` +
        'read that file can decrypt every saved credential: keep it private and out of shared backups.' +
        `${this.#reason ? ` Why a file: ${this.#reason}.` : ''} To avoid the file, set ` +
        'KNOTWORK_MASTER_KEY or run where an OS keyring is available.',
    );
  }
}

function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: the link succeeded before the failure, or another cleanup ran.
  }
}
