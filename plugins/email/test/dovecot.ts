import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's dovecot-imapd puts its binary here; KNOTWORK_DOVECOT_BIN points elsewhere. */
const DOVECOT = process.env.KNOTWORK_DOVECOT_BIN ?? '/usr/sbin/dovecot';
/** dovecot runs mail processes as this user (Debian's nobody), owner of the mail files. */
const MAIL_UID = 65534;

export interface Dovecot {
  port: number;
  /** The one password every user signs in with (passdb static). */
  password: string;
  addUser(user: string): Promise<void>;
  /** Writes a message into the user's INBOX as a delivery agent would (Maildir/new or cur). */
  deliver(
    user: string,
    message: string | Buffer,
    options?: { receivedAt?: Date; seen?: boolean },
  ): Promise<void>;
  /** dovecot's own log: logins, limits. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real IMAP server for one test file: Debian's dovecot with a self-contained config in a
 * temp dir (plain-text IMAP on a free loopback port, one password for all users, Maildir), stopped
 * through its master.pid. When it cannot start, IMAP tests are skipped with the reason
 * printed, unless KNOTWORK_REQUIRE_DOVECOT=1 (CI), where that is a failure.
 */
export async function startDovecotOrSkip(
  password: string,
  settings: Record<string, string | number> = {},
): Promise<Dovecot | undefined> {
  try {
    return await startDovecot(password, settings);
  } catch (error) {
    const reason = `dovecot could not be started: ${error instanceof Error ? error.message : String(error)}`;
    if (process.env.KNOTWORK_REQUIRE_DOVECOT === '1') {
      throw new Error(
        `${reason} (KNOTWORK_REQUIRE_DOVECOT=1; install it with apt-get install -y dovecot-imapd)`,
      );
    }
    console.warn(`Skipping the IMAP tests: ${reason}. Install dovecot-imapd to run them.`);
    return undefined;
  }
}

async function startDovecot(
  password: string,
  settings: Record<string, string | number>,
): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} is not installed`);
  if (process.getuid?.() !== 0) throw new Error('it needs root to switch to its mail user');
  const root = await mkdtemp(join(tmpdir(), 'knotwork-dovecot-'));
  // dovecot's auth and mail processes run as other users: they must reach into the dir.
  await chmod(root, 0o755);
  for (const dir of ['base', 'state', 'mail']) await mkdir(join(root, dir));
  const port = await freePort();
  const extra = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  const config = join(root, 'dovecot.conf');
  await writeFile(
    config,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${root}/base`,
      `state_dir = ${root}/state`,
      `log_path = ${root}/dovecot.log`,
      'ssl = no',
      'disable_plaintext_auth = no',
      `mail_location = maildir:${root}/mail/%u/Maildir`,
      `first_valid_uid = ${MAIL_UID}`,
      `last_valid_uid = ${MAIL_UID}`,
      // Real servers pause ~2 s after a wrong password; the tests need not wait for it.
      'auth_failure_delay = 0',
      ...extra,
      // Any user name signs in with this password, so each test can have a fresh mailbox
      // (a passwd-file is re-read only when its mtime changes, which misses quick appends).
      'passdb {',
      '  driver = static',
      `  args = password=${password}`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${root}/mail/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  await startDaemon(config);
  await waitForPort(port);
  let sequence = 0;

  const maildir = (user: string) => join(root, 'mail', user, 'Maildir');

  return {
    port,
    password,
    async addUser(user) {
      for (const dir of ['new', 'cur', 'tmp'])
        await mkdir(join(maildir(user), dir), { recursive: true });
      await run('chown', ['-R', `${MAIL_UID}:${MAIL_UID}`, join(root, 'mail', user)]);
    },
    async deliver(user, message, options = {}) {
      sequence++;
      // Names sort in delivery order, and dovecot gives new mail UIDs in name order.
      const name = `${String(1_700_000_000 + sequence)}.M${sequence}P1.knotwork`;
      const file = options.seen
        ? join(maildir(user), 'cur', `${name}:2,S`)
        : join(maildir(user), 'new', name);
      await writeFile(file, message);
      await chown(file, MAIL_UID, MAIL_UID);
      // A Maildir message's arrival time (IMAP INTERNALDATE) is its file's mtime.
      if (options.receivedAt) await utimes(file, options.receivedAt, options.receivedAt);
    },
    log: () => readFile(join(root, 'dovecot.log'), 'utf8').catch(() => ''),
    async stop() {
      const pid = Number(await readFile(join(root, 'base', 'master.pid'), 'utf8'));
      process.kill(pid, 'SIGTERM');
      for (let wait = 0; wait < 50 && isAlive(pid); wait++) await sleep(100);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** dovecot forks into the background; its pipes would stay open, so none are given. */
function startDaemon(config: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOVECOT, ['-c', config], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}`)),
    );
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`dovecot did not listen on port ${port} within 5 seconds`);
}
