import { defineCredential, FieldType, field, secret, z } from '@knotwork/sdk';
import { isSingleAddress } from './addresses.js';
import { checkImapConnection, checkSmtpConnection } from './connection-checks.js';
import { EMAIL_DOCS_URL } from './email-urls.js';

const host = (placeholder: string) =>
  field(
    z
      .string()
      .trim()
      .min(1, 'Give the server host name')
      .regex(/^[^\s/:]+$/, 'Only the host name (smtp.example.com), without a scheme, port or path'),
    { label: 'Host', placeholder },
  );

const port = (description: string) =>
  field(z.number().int().min(1).max(65_535).optional(), {
    label: 'Port',
    description,
  });

const allowSelfSigned = field(z.boolean().default(false), {
  label: 'Allow self-signed certificate',
  description:
    "Accept a certificate no public authority signed (an internal server's own). The connection is still encrypted but not proven to be the right server: only for servers you control.",
  advanced: true,
});

const user = field(z.string().trim().min(1, 'Give the user name (usually the full address)'), {
  label: 'User',
  description: 'Usually the full e-mail address.',
  placeholder: 'me@example.com',
});

const password = secret(z.string().min(1, 'Give the password or app password'), {
  label: 'Password',
  description:
    'The account password, or an app password (Gmail, Yahoo and iCloud with 2-step verification).',
});

export const smtpSchema = z.object({
  host: host('smtp.gmail.com'),
  security: field(z.enum(['tls', 'starttls', 'none']).default('starttls'), {
    field: FieldType.SELECT,
    label: 'Security',
    description:
      'tls: encrypted from the start (port 465). starttls: upgraded after connecting (port 587). none: unencrypted, only for local relays (port 25).',
  }),
  port: port('Defaults to 465 for tls, 587 for starttls and 25 for none.'),
  user,
  password,
  from: field(
    z
      .string()
      .trim()
      .refine(isSingleAddress, 'Give one sender address, e.g. Reports <reports@example.com>')
      .optional(),
    {
      label: 'Default sender',
      description:
        'Used when Send gives no "from", e.g. "Reports <reports@example.com>". Defaults to the user when it is an address.',
      placeholder: 'Reports <reports@example.com>',
    },
  ),
  allowSelfSigned,
});

export const imapSchema = z.object({
  host: host('imap.gmail.com'),
  security: field(z.enum(['tls', 'starttls', 'none']).default('tls'), {
    field: FieldType.SELECT,
    label: 'Security',
    description:
      'tls: encrypted from the start (port 993). starttls: upgraded after connecting (port 143). none: unencrypted, only for local servers.',
  }),
  port: port('Defaults to 993 for tls and 143 for starttls or none.'),
  user,
  password,
  allowSelfSigned,
});

export type SmtpData = z.output<typeof smtpSchema>;
export type ImapData = z.output<typeof imapSchema>;

export const smtp = defineCredential({
  key: 'smtp',
  displayName: 'SMTP account',
  description:
    'Sends mail through an SMTP server: Gmail, Yahoo, iCloud, Microsoft 365, or your own.',
  kind: 'basicAuth',
  schema: smtpSchema,
  // nodemailer authenticates over the SMTP connection itself.
  authenticate: { type: 'none' },
  test: checkSmtpConnection,
  docsUrl: `${EMAIL_DOCS_URL}#smtp`,
});

export const imap = defineCredential({
  key: 'imap',
  displayName: 'IMAP account',
  description: 'Reads mail from an IMAP server: Gmail, Yahoo, iCloud, Fastmail, or your own.',
  kind: 'basicAuth',
  schema: imapSchema,
  authenticate: { type: 'none' },
  test: checkImapConnection,
  docsUrl: `${EMAIL_DOCS_URL}#imap`,
});
