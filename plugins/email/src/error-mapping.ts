import { IntegrationError } from '@knotwork/sdk';
import {
  type EmailErrorCode,
  type ErrorAdvice,
  imapErrors,
  type SmtpErrorCode,
  smtpErrors,
} from './errors.js';

const SERVICE = 'email';

/** A driver failure as knotwork reports it, and whether repeating the step is harmless. */
export interface ClassifiedFailure {
  error: IntegrationError;
  /** Nothing was delivered or changed, so the same step may run again. */
  safeToRetry: boolean;
  /** The server said to slow down: wait at least this long (ms) before the next try. */
  minDelayMs?: number;
}

/** Connection failures that happen before the server saw a single command. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const CERTIFICATE_WORDS =
  /self[- ]signed certificate|certificate has expired|unable to verify the first certificate|unable to get local issuer|does not match certificate|Hostname\/IP does not match/i;
/** TLS spoken to a plain-text port (or the reverse). */
const TLS_MISMATCH = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ClosedAfterConnectTLS',
  'ClosedAfterConnectText',
]);
/** "try again later" replies that are about rate, by their words. */
const RATE_WORDS = /rate|too many|too fast|too quickly|try again later|throttl|limit/i;

/** Reads the driver's error fields without trusting their types. */
function fieldsOf(error: unknown) {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const text = (key: string) => {
    const value = record[key];
    return typeof value === 'string' ? value : undefined;
  };
  const cause: unknown = record.cause;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return {
    message: error instanceof Error ? error.message : String(error),
    code: text('code'),
    originalCode: text('originalCode') ?? causeCode,
    command: text('command'),
    response: text('response'),
    responseCode: typeof record.responseCode === 'number' ? record.responseCode : undefined,
    timeoutType: text('timeoutType'),
    responseText: text('responseText'),
    serverResponseCode: text('serverResponseCode'),
    authenticationFailed: record.authenticationFailed === true,
    mailboxMissing: record.mailboxMissing === true,
    throttleReset: typeof record.throttleReset === 'number' ? record.throttleReset : undefined,
  };
}

/** RFC 3463 enhanced status code in a reply, e.g. "5.7.8" in "535-5.7.8 Username and Password not accepted". */
function enhancedCodeOf(response: string | undefined): string | undefined {
  return response?.match(/\b([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
}

function build(
  code: EmailErrorCode,
  advice: ErrorAdvice,
  message: string,
  details: Record<string, unknown>,
): IntegrationError {
  const clean = Object.fromEntries(
    Object.entries(details).filter(([, value]) => value !== undefined),
  );
  return new IntegrationError({
    service: SERVICE,
    code,
    message,
    hint: advice.hint,
    retryable: advice.retryable ?? false,
    ...(Object.keys(clean).length > 0 ? { details: clean } : {}),
  });
}

/** Transport-level failures both protocols share: refused, unknown host, TLS trouble. */
function connectionCode(code: string | undefined, message: string): SmtpErrorCode | undefined {
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return 'host_not_found';
  // A failed STARTTLS handshake keeps only the text of the certificate error.
  if ((code && UNTRUSTED_CERTIFICATE.has(code)) || CERTIFICATE_WORDS.test(message)) {
    return 'untrusted_certificate';
  }
  if (/STARTTLS/.test(message)) return 'starttls_unsupported';
  if ((code && TLS_MISMATCH.has(code)) || /wrong version number|initiating TLS/i.test(message)) {
    return 'tls_mismatch';
  }
  return undefined;
}

/**
 * A nodemailer failure. Retrying is safe only while the message cannot have been
 * delivered: a connection that was never made, or the server's explicit 4xx refusal.
 */
export function classifySmtpFailure(failure: unknown): ClassifiedFailure {
  const fields = fieldsOf(failure);
  const { responseCode, command, response } = fields;
  const enhanced = enhancedCodeOf(response);
  const transportCode = fields.originalCode ?? fields.code;
  let code: SmtpErrorCode;
  if (fields.code === 'EAUTH' || fields.code === 'ENOAUTH') {
    code = authCode(responseCode, enhanced, response ?? fields.message);
  } else if (
    command === 'STARTTLS' &&
    !UNTRUSTED_CERTIFICATE.has(transportCode ?? '') &&
    !CERTIFICATE_WORDS.test(fields.message) &&
    responseCode !== undefined
  ) {
    // The server answered STARTTLS with an error: it cannot upgrade this connection.
    code = 'starttls_unsupported';
  } else if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    code = RATE_WORDS.test(response ?? '') ? 'rate_limited' : 'temporarily_rejected';
  } else if (responseCode !== undefined && responseCode >= 500) {
    code = permanentCode(responseCode, enhanced, command, response ?? '');
  } else if (fields.code === 'ETIMEDOUT') {
    code = 'timeout';
  } else {
    code = connectionCode(transportCode, fields.message) ?? 'connection_lost';
  }
  // An explicit 4xx reply means the server did not take the message (RFC 5321 §4.2.1), at
  // whatever stage; a connection that was never made sent nothing. A dropped connection or
  // a timeout after the body went out may have delivered it: never repeated.
  const refusedForNow = responseCode !== undefined && responseCode >= 400 && responseCode < 500;
  const neverConnected =
    NEVER_CONNECTED.has(transportCode ?? '') ||
    fields.timeoutType === 'CONNECT_TIMEOUT' ||
    fields.timeoutType === 'GREETING_TIMEOUT';
  // A timeout once the session was up may have come after the server took the message.
  if (code === 'timeout' && !neverConnected) code = 'connection_lost';
  const advice = smtpErrors[code];
  const safeToRetry = advice.retryable === true && (refusedForNow || neverConnected);
  const error = build(code, { ...advice, retryable: safeToRetry }, smtpMessage(fields), {
    smtpCode: responseCode,
    enhancedCode: enhanced,
    command,
    response,
    driverCode: fields.code,
    systemCode: fields.originalCode,
  });
  return { error, safeToRetry };
}

function authCode(
  responseCode: number | undefined,
  enhanced: string | undefined,
  text: string,
): SmtpErrorCode {
  // Gmail: "534-5.7.9 Application-specific password required".
  // https://support.google.com/mail/answer/185833
  if (enhanced === '5.7.9' || /application-specific password/i.test(text)) {
    return 'app_password_required';
  }
  // Microsoft 365: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is
  // disabled for the Tenant". https://aka.ms/smtp_auth_disabled
  if (
    enhanced === '5.7.139' ||
    /SmtpClientAuthentication is disabled|basic authentication is disabled/i.test(text)
  ) {
    return 'auth_disabled';
  }
  // Gmail: "534-5.7.14 Please log in via your web browser".
  if (enhanced === '5.7.14' || /web browser/i.test(text)) return 'web_login_required';
  // "454 4.7.0 Too many login attempts, please try again later".
  if (responseCode !== undefined && responseCode < 500) {
    return RATE_WORDS.test(text) ? 'rate_limited' : 'temporarily_rejected';
  }
  return 'auth_failed';
}

function permanentCode(
  responseCode: number,
  enhanced: string | undefined,
  command: string | undefined,
  response: string,
): SmtpErrorCode {
  // Gmail: "550 5.4.5 Daily user sending limit exceeded"; Microsoft: "5.2.2 Submission quota exceeded".
  if (enhanced === '5.4.5' || enhanced === '5.2.2' || /quota|sending limit/i.test(response)) {
    return 'quota_exceeded';
  }
  if (
    responseCode === 552 ||
    enhanced === '5.3.4' ||
    /too (large|big)|size limit/i.test(response)
  ) {
    return 'message_too_large';
  }
  if (command === 'MAIL FROM') return 'sender_rejected';
  if (command === 'RCPT TO') return 'recipient_rejected';
  if (command === 'DATA') return 'message_rejected';
  return 'server_error';
}

function smtpMessage(fields: ReturnType<typeof fieldsOf>): string {
  const where = fields.command && fields.command !== 'API' ? ` at ${fields.command}` : '';
  return `SMTP failed${where}: ${fields.message}`;
}

/** An imapflow failure. Reading is safe to repeat, so every retryable failure may be retried. */
export function classifyImapFailure(failure: unknown): ClassifiedFailure {
  const fields = fieldsOf(failure);
  const serverCode = fields.serverResponseCode?.toUpperCase();
  const text = fields.responseText ?? fields.message;
  let code: EmailErrorCode;
  let minDelayMs: number | undefined;
  if (serverCode === 'LIMIT' || serverCode === 'THROTTLED' || fields.code === 'ETHROTTLE') {
    // RFC 5530 [LIMIT]: "the operation ran up against an implementation limit", e.g.
    // dovecot's mail_max_userip_connections; imapflow's ETHROTTLE carries the server's wait.
    code = 'rate_limited';
    minDelayMs = fields.throttleReset;
  } else if (serverCode === 'UNAVAILABLE') {
    code = 'temporarily_rejected';
  } else if (fields.authenticationFailed || serverCode === 'AUTHENTICATIONFAILED') {
    if (/application-specific password/i.test(text)) code = 'app_password_required';
    else if (/web browser|WEBALERT/i.test(text)) code = 'web_login_required';
    else code = 'auth_failed';
  } else if (fields.mailboxMissing || serverCode === 'NONEXISTENT') {
    code = 'mailbox_not_found';
  } else if (
    fields.code === 'CONNECT_TIMEOUT' ||
    fields.code === 'GREETING_TIMEOUT' ||
    fields.code === 'UPGRADE_TIMEOUT' ||
    fields.code === 'ETIMEOUT' ||
    fields.code === 'ETIMEDOUT'
  ) {
    code = 'timeout';
  } else {
    code =
      connectionCode(fields.code, fields.message) ??
      (fields.code === 'NoConnection' ||
      fields.code === 'EConnectionClosed' ||
      fields.code === 'ECONNRESET' ||
      fields.code === 'EPIPE'
        ? 'connection_lost'
        : 'server_error');
  }
  const advice = imapErrors[code];
  const where = fields.command ? ` at ${fields.command}` : '';
  const error = build(code, advice, `IMAP failed${where}: ${text}`, {
    imapCode: serverCode,
    driverCode: fields.code,
  });
  return {
    error,
    safeToRetry: advice.retryable === true,
    ...(minDelayMs === undefined ? {} : { minDelayMs }),
  };
}
