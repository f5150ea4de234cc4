import type { CredentialTestContext, CredentialTestResult } from '@knotwork/sdk';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { ImapData, SmtpData } from './credentials.js';
import {
  type ClassifiedFailure,
  classifyImapFailure,
  classifySmtpFailure,
} from './error-mapping.js';
import { imapOptions } from './imap-session.js';
import { smtpOptions } from './smtp-transport.js';

function failed(classified: ClassifiedFailure): CredentialTestResult {
  return { ok: false, message: classified.error.message, hint: classified.error.hint };
}

/** Connects, upgrades to TLS as configured, logs in, and says QUIT: nothing is sent. */
export async function checkSmtpConnection(
  ctx: CredentialTestContext<SmtpData>,
): Promise<CredentialTestResult> {
  const { data } = ctx.credential;
  const transport = nodemailer.createTransport(smtpOptions(data));
  try {
    await transport.verify();
    return {
      ok: true,
      message: `Signed in to ${data.host} as ${data.user} (${data.security === 'none' ? 'unencrypted' : data.security.toUpperCase()}).`,
    };
  } catch (error) {
    return failed(classifySmtpFailure(error));
  } finally {
    transport.close();
  }
}

/** Connects, logs in, counts the mailboxes, and logs out. */
export async function checkImapConnection(
  ctx: CredentialTestContext<ImapData>,
): Promise<CredentialTestResult> {
  const { data } = ctx.credential;
  const client = new ImapFlow(imapOptions(data));
  client.on('error', () => {});
  try {
    await client.connect();
    const mailboxes = await client.list();
    await client.logout();
    return {
      ok: true,
      message: `Signed in to ${data.host} as ${data.user}: ${mailboxes.length} mailbox${mailboxes.length === 1 ? '' : 'es'}.`,
    };
  } catch (error) {
    client.close();
    return failed(classifyImapFailure(error));
  }
}
