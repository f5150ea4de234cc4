/**
 * What can go wrong talking SMTP and IMAP, and what a person can do about it: the policy
 * data error-mapping.ts and retry.ts apply. Codes are knotwork's own and shared by both
 * protocols, so a workflow can branch on `auth_failed` whichever server said it; the
 * server's words travel in the error's details.
 */

export interface ErrorAdvice {
  hint: string;
  /** Trying again later can help. */
  retryable?: boolean;
  /** The server refused for rate: wait longer before the next attempt. */
  rateLimited?: boolean;
}

export type EmailErrorCode =
  | 'auth_failed'
  | 'app_password_required'
  | 'auth_disabled'
  | 'web_login_required'
  | 'connection_refused'
  | 'host_not_found'
  | 'timeout'
  | 'connection_lost'
  | 'untrusted_certificate'
  | 'tls_mismatch'
  | 'starttls_unsupported'
  | 'rate_limited'
  | 'temporarily_rejected'
  | 'recipient_rejected'
  | 'sender_rejected'
  | 'message_rejected'
  | 'quota_exceeded'
  | 'message_too_large'
  | 'mailbox_not_found'
  | 'server_error';

/** Everything but what only IMAP can say. */
export type SmtpErrorCode = Exclude<EmailErrorCode, 'mailbox_not_found'>;

const TRUST_HINT =
  'If the server uses its own (self-signed) certificate on purpose, turn on "Allow self-signed certificate" under the advanced options; otherwise check the host name matches the certificate.';

/** SMTP (RFC 5321 replies, RFC 3463 enhanced codes), as nodemailer reports it. */
export const smtpErrors: Record<SmtpErrorCode, ErrorAdvice> = {
  auth_failed: {
    hint: 'The server rejected the user name or password. Gmail, Yahoo and iCloud need an app password (not the account password) with 2-step verification on: create one and paste it as the password. Outlook.com and Hotmail no longer accept passwords from other apps at all (Microsoft requires OAuth since September 2024).',
  },
  app_password_required: {
    hint: 'The account has 2-step verification: create an app password (Google Account > Security > App passwords) and use it as the password.',
  },
  auth_disabled: {
    hint: 'SMTP sign-in (SMTP AUTH) is turned off for this mailbox or tenant: in Microsoft 365 an admin must enable "Authenticated SMTP" for the mailbox, or use another sending service.',
  },
  web_login_required: {
    hint: 'The provider blocked the sign-in and wants a browser login first: sign in on the web from this network, then use an app password.',
  },
  connection_refused: {
    retryable: true,
    hint: 'Nothing accepted the connection: check the host and port (465 for TLS, 587 for STARTTLS, 25 for plain relays) and that a firewall does not block outgoing mail ports.',
  },
  host_not_found: {
    hint: 'The host name does not resolve: check the SMTP host (e.g. smtp.gmail.com, smtp.office365.com).',
  },
  timeout: {
    retryable: true,
    hint: 'The server did not answer in time: check host and port (many networks and cloud hosts block port 25 and sometimes 465/587), and that the security setting matches the port.',
  },
  connection_lost: {
    hint: 'The connection dropped while the message was being sent, so the server may or may not have accepted it: check the recipient mailbox (or the Sent folder) before sending again.',
  },
  untrusted_certificate: {
    hint: `The server's TLS certificate is not trusted (self-signed, expired, or for another host name). ${TRUST_HINT}`,
  },
  tls_mismatch: {
    hint: 'The TLS setting does not fit the port: use security "tls" with port 465, "starttls" with 587, and "none" only for relays on port 25.',
  },
  starttls_unsupported: {
    hint: 'The server does not offer STARTTLS on this port: use security "tls" (port 465), or "none" only for a trusted local relay.',
  },
  rate_limited: {
    retryable: true,
    rateLimited: true,
    hint: 'The server is limiting how fast this account sends ("try again later"): knotwork retried with backoff; send fewer messages per minute, or spread the workflow out.',
  },
  temporarily_rejected: {
    retryable: true,
    hint: 'The server refused for now (a 4xx reply: busy, greylisting, or a temporary problem): knotwork retried; run the node again later.',
  },
  recipient_rejected: {
    hint: 'The server refused a recipient (the message says which and why): check the address, or whether the account may send to it.',
  },
  sender_rejected: {
    hint: 'The server refused the sender address: most providers only send from the signed-in account or its verified aliases. Set "from" to such an address.',
  },
  message_rejected: {
    hint: 'The server refused the message itself (spam or policy filters, or content it does not accept): the reply says why.',
  },
  quota_exceeded: {
    hint: 'The account reached its sending limit (Gmail: about 500 messages a day, Microsoft 365: 10,000 recipients a day and 30 messages a minute): wait until the quota resets, or use a bulk sending service.',
  },
  message_too_large: {
    hint: 'The message is larger than the server accepts (often 25-35 MB, attachments grow by a third when encoded): send fewer or smaller attachments, or a link to the file.',
  },
  server_error: {
    hint: 'The server reported an error (its reply is in the message): if it persists, ask the mail provider.',
  },
};

/** IMAP (RFC 9051, response codes RFC 5530), as imapflow reports it. */
export const imapErrors: Record<EmailErrorCode, ErrorAdvice> = {
  ...smtpErrors,
  auth_failed: {
    hint: 'The server rejected the user name or password. Gmail, Yahoo and iCloud need an app password with 2-step verification on. Outlook.com, Hotmail and Microsoft 365 mailboxes accept no passwords over IMAP (Microsoft requires OAuth).',
  },
  connection_refused: {
    retryable: true,
    hint: 'Nothing accepted the connection: check the host and port (993 for TLS, 143 for STARTTLS or plain).',
  },
  host_not_found: {
    hint: 'The host name does not resolve: check the IMAP host (e.g. imap.gmail.com, outlook.office365.com).',
  },
  timeout: {
    retryable: true,
    hint: 'The server did not answer in time: check host and port, and that the security setting matches the port (993 TLS, 143 STARTTLS).',
  },
  connection_lost: {
    retryable: true,
    hint: 'The server closed the connection: run the node again; if it keeps happening, check the server limits on connections.',
  },
  tls_mismatch: {
    hint: 'The TLS setting does not fit the port: use security "tls" with port 993, "starttls" or "none" with 143.',
  },
  starttls_unsupported: {
    hint: 'The server does not offer STARTTLS on this port: use security "tls" (port 993), or "none" only for a trusted local server.',
  },
  rate_limited: {
    retryable: true,
    rateLimited: true,
    hint: 'The server limits connections or commands for this account (too many clients connected at once, or too much traffic): knotwork waited and retried; close other mail clients or poll less often.',
  },
  temporarily_rejected: {
    retryable: true,
    hint: 'The server is temporarily unavailable (maintenance or a backend problem): run the node again later.',
  },
  mailbox_not_found: {
    hint: 'No mailbox has that name: pick one of the mailboxes listed in the message (names are as the server shows them, e.g. "[Gmail]/Sent Mail").',
  },
  server_error: {
    hint: 'The server refused the command (its reply is in the message): if it persists, ask the mail provider.',
  },
};

/**
 * Retrying drivers by hand (nodemailer and imapflow are not HTTP): exponential backoff
 * with full jitter, and at least `rateLimitedMinDelayMs` once the server said "slow down".
 */
export const retryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  rateLimitedMinDelayMs: 1000,
};
