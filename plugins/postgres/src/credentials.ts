import { defineCredential, FieldType, field, z } from '@knotwork/sdk';
import { checkConnection } from './connection-check.js';
import { parseConnectionUrl } from './connection-config.js';
import { POSTGRES_DOCS_URL } from './urls.js';

const optionalText = (hints: Parameters<typeof field>[1]) =>
  field(z.string().trim().optional(), hints);

const given = (value: string | undefined) => value !== undefined && value.trim() !== '';

const schema = z
  .object({
    url: field(z.string().trim().optional(), {
      field: FieldType.SECRET,
      secret: true,
      label: 'Connection URL',
      description:
        'postgres://user:password@host:5432/database?sslmode=require. Use this or the fields below, not both. Stored encrypted, because it usually holds the password.',
      placeholder: 'postgres://user:password@db.example.com:5432/app?sslmode=verify-full',
    }),
    host: optionalText({
      label: 'Host',
      description: 'Host name or IP address; a path starting with / is a Unix socket folder.',
      placeholder: 'db.example.com',
    }),
    port: field(z.number().int().min(1).max(65_535).default(5432), { label: 'Port' }),
    database: optionalText({
      label: 'Database',
      description: 'Defaults to the user name, as psql does.',
      placeholder: 'app',
    }),
    user: optionalText({ label: 'User', placeholder: 'app_user' }),
    password: field(z.string().optional(), {
      field: FieldType.SECRET,
      secret: true,
      label: 'Password',
    }),
    ssl: field(z.enum(['disable', 'require', 'verify-full']).optional(), {
      field: FieldType.SELECT,
      label: 'SSL',
      description:
        "disable: plain text. require: encrypted, the server's certificate is not checked (unless a CA is given). verify-full: encrypted, and the certificate must be trusted and name the host. Empty: the URL's sslmode if it has one, else disable for localhost and verify-full for anything else.",
    }),
    ca: field(z.string().trim().optional(), {
      field: FieldType.TEXT,
      label: 'CA certificate (PEM)',
      description:
        "The certificate authority that signed the server's certificate, for servers whose CA this machine does not trust (a cloud provider's bundle, a self-signed server). Not a secret.",
      placeholder: '-----BEGIN CERTIFICATE-----',
      advanced: true,
    }),
    searchPath: field(
      z
        .string()
        .trim()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_$]*(\s*,\s*[A-Za-z_][A-Za-z0-9_$]*)*$/,
          'Give schema names separated by commas, e.g. app, public',
        )
        .optional(),
      {
        label: 'Schema search path',
        description:
          'Schemas to look in for unqualified table names, in order (sets search_path). Empty: the server default, usually "$user", public.',
        placeholder: 'app, public',
        advanced: true,
      },
    ),
    poolSize: field(z.number().int().min(1).max(100).default(10), {
      label: 'Pool size',
      description: 'Most connections knotwork keeps open to this server at once.',
      advanced: true,
    }),
    idleTimeoutMs: field(z.number().int().min(0).default(10_000), {
      label: 'Idle timeout (ms)',
      description: 'Close a pooled connection after it sat unused this long; 0 keeps it open.',
      advanced: true,
    }),
    connectionTimeoutMs: field(z.number().int().min(0).default(10_000), {
      label: 'Connection timeout (ms)',
      description: 'Give up opening a connection after this long; 0 waits for ever.',
      advanced: true,
    }),
    preparedStatements: field(z.boolean().default(true), {
      label: 'Prepared statements',
      description:
        'Reuse server-side prepared statements for SQL with parameters: the server parses and plans each text once per connection. Turn off behind a pooler in transaction mode that cannot keep them (knotwork also turns them off by itself when it notices).',
      advanced: true,
    }),
    applicationName: field(z.string().trim().min(1).max(63).default('knotwork'), {
      label: 'Application name',
      description: 'Shown in pg_stat_activity, so administrators can tell these connections apart.',
      advanced: true,
    }),
  })
  .superRefine((data, ctx) => {
    const either = 'Give a connection URL, or a host with user and password';
    if (given(data.url) && given(data.host)) {
      const both = 'Give a connection URL or the host fields, not both';
      ctx.addIssue({ code: 'custom', path: ['url'], message: both });
      ctx.addIssue({ code: 'custom', path: ['host'], message: both });
    } else if (!given(data.url) && !given(data.host)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: either });
      ctx.addIssue({ code: 'custom', path: ['host'], message: either });
    } else if (given(data.url)) {
      const parsed = parseConnectionUrl(data.url ?? '');
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['url'], message: parsed.reason });
    } else if (!given(data.user)) {
      ctx.addIssue({ code: 'custom', path: ['user'], message: 'Give the user to connect as' });
    }
    if (given(data.ca) && data.ssl === 'disable') {
      ctx.addIssue({
        code: 'custom',
        path: ['ca'],
        message: 'A CA certificate is only used with SSL: choose require or verify-full',
      });
    }
  });

export const connection = defineCredential({
  key: 'connection',
  displayName: 'PostgreSQL connection',
  description: 'A PostgreSQL server, database and user; by URL or by fields.',
  kind: 'custom',
  schema,
  authenticate: { type: 'none' },
  test: (ctx) => checkConnection(ctx.credential.data, ctx.signal),
  docsUrl: POSTGRES_DOCS_URL,
});
