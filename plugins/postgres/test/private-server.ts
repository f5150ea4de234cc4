import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './support.js';

/**
 * A throw-away PostgreSQL cluster started from this machine's own PostgreSQL binaries,
 * for what the shared server cannot show: it trusts every login on 127.0.0.1 (so a wrong
 * password is accepted) and has SSL off. This one asks for a SCRAM password and speaks
 * TLS with a certificate from a CA made on the spot.
 */
export interface PrivateServer {
  port: number;
  user: string;
  password: string;
  /** PEM of the CA that signed the server's certificate (for 127.0.0.1 only). */
  caPem: string;
  stop(): void;
}

/** The folder holding initdb and pg_ctl, if PostgreSQL's server binaries are installed. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((version) => join(root, version, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')));
}

/** initdb refuses to run as root: run the binaries as the postgres user then. */
function asServerUser(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(
    root ? 'runuser' : command,
    root ? ['-u', 'postgres', '--', command, ...args] : args,
    {
      stdio: 'pipe',
    },
  );
}

export async function startPrivateServer(bin: string): Promise<PrivateServer> {
  const folder = mkdtempSync(join(tmpdir(), 'kw-pg-'));
  const data = join(folder, 'data');
  const user = 'kwadmin';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const port = await closedPort();
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' });

  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=knotwork test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  writeFileSync(join(folder, 'san.ext'), 'subjectAltName = IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.crt',
  );
  writeFileSync(join(folder, 'password'), password);
  // PostgreSQL refuses a key file others can read.
  chmodSync(join(folder, 'server.key'), 0o600);

  if (process.getuid?.() === 0) {
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const postgresGid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const name of ['', 'password', 'server.key', 'server.crt']) {
      chownSync(join(folder, name), postgresUid, postgresGid);
    }
  }
  asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${join(folder, 'password')}`,
    '--auth=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  asServerUser(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(folder, 'server.log'),
    '-w',
    '-o',
    [
      `-p ${port}`,
      `-k ${folder}`,
      "-c listen_addresses='127.0.0.1'",
      '-c ssl=on',
      `-c ssl_cert_file=${join(folder, 'server.crt')}`,
      `-c ssl_key_file=${join(folder, 'server.key')}`,
    ].join(' '),
    'start',
  ]);

  return {
    port,
    user,
    password,
    caPem: readFileSync(join(folder, 'ca.crt'), 'utf8'),
    stop: () => {
      try {
        asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
