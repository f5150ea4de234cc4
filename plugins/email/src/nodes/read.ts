import { binaryField, binaryFrom, defineNode, field, IntegrationError, z } from '@knotwork/sdk';
import type { ImapFlow, SearchObject } from 'imapflow';
import { type AddressObject, simpleParser } from 'mailparser';
import { imap } from '../credentials.js';
import { classifyImapFailure } from '../error-mapping.js';
import { imapErrors } from '../errors.js';
import { pooledImapConnection } from '../imap-session.js';
import { withRetries } from '../retry.js';

const MAX_LIMIT = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

const input = z.strictObject({
  mailbox: field(z.string().trim().min(1).default('INBOX'), {
    label: 'Mailbox',
    description: 'As the server names it: INBOX, Archive, "[Gmail]/All Mail"…',
    placeholder: 'INBOX',
  }),
  unseenOnly: field(z.boolean().default(false), {
    label: 'Unread only',
    description: 'Only messages without the \\Seen flag.',
  }),
  since: field(z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(), {
    label: 'Since',
    description:
      'Only messages received at or after this date (2024-05-01) or time (2024-05-01T08:00:00Z).',
  }),
  from: field(z.string().trim().min(1).optional(), {
    label: 'From',
    description: 'Only messages whose From contains this text (an address, a domain or a name).',
    placeholder: 'billing@example.com',
  }),
  limit: field(z.number().int().min(1).max(MAX_LIMIT).default(20), {
    label: 'Limit',
    description: `The newest messages that match, at most this many (up to ${MAX_LIMIT}).`,
  }),
  markAsRead: field(z.boolean().default(false), {
    label: 'Mark as read',
    description: 'Set \\Seen on the messages returned, so "Unread only" skips them next time.',
  }),
  includeAttachments: field(z.boolean().default(true), {
    label: 'Include attachments',
    description: 'Return attachments as files for later nodes. Off: only their names are listed.',
  }),
});

const address = z.object({ name: z.string(), address: z.string() });

const message = z.object({
  uid: z.number().int().positive().describe('The message UID in this mailbox.'),
  messageId: z.string().nullable(),
  from: address.nullable(),
  to: z.array(address),
  cc: z.array(address),
  subject: z.string(),
  date: z.string().nullable().describe('The Date header, ISO 8601.'),
  receivedAt: z.string().nullable().describe('When the server received it, ISO 8601.'),
  text: z.string().nullable(),
  html: z.string().nullable(),
  flags: z.array(z.string()).describe('IMAP flags after this run, e.g. \\Seen, \\Flagged.'),
  attachments: z.array(binaryField()),
  attachmentNames: z.array(z.string()),
});

const output = z.object({
  mailbox: z.string(),
  count: z.number().int().nonnegative(),
  messages: z.array(message).describe('Newest first.'),
});

type ReadInput = z.output<typeof input>;
type ReadMessage = z.input<typeof message>;

export const read = defineNode({
  key: 'read',
  kind: 'action',
  displayName: 'Read',
  description:
    'Reads the newest messages of an IMAP mailbox (unread only, since a date, from a sender), with attachments as files, and can mark them as read.',
  credentials: [imap],
  input,
  output,
  run: async (ctx, request) => {
    const connection = await pooledImapConnection(ctx);
    const messages = await withRetries(
      ctx,
      'IMAP read',
      async () => {
        const client = await connection.acquire();
        try {
          return await readMailbox(client, request);
        } catch (error) {
          // Mid-command state is unknown after a cancel or a dropped connection: start afresh.
          if (ctx.signal.aborted || !client.usable) connection.discard(client);
          throw error;
        }
      },
      classifyImapFailure,
    );
    return { mailbox: request.mailbox, count: messages.length, messages };
  },
});

async function readMailbox(client: ImapFlow, request: ReadInput): Promise<ReadMessage[]> {
  const readOnly = !request.markAsRead;
  const lock = await client.getMailboxLock(request.mailbox, { readOnly }).catch(async (error) => {
    throw (await missingMailbox(client, request.mailbox, error)) ?? error;
  });
  try {
    // The pooled connection may have this mailbox open from another run in the other mode.
    if (client.mailbox && client.mailbox.readOnly !== readOnly) {
      await client.mailboxOpen(request.mailbox, { readOnly });
    }
    const since = request.since ? new Date(request.since) : undefined;
    const query: SearchObject = {
      ...(request.unseenOnly ? { seen: false } : {}),
      ...(request.from ? { from: request.from } : {}),
      // SEARCH SINCE compares dates only, in the server's time zone (RFC 9051 §6.4.4): ask
      // from the day before and keep the exact cut below.
      ...(since ? { since: new Date(since.getTime() - DAY_MS) } : {}),
    };
    const found = await client.search(Object.keys(query).length > 0 ? query : { all: true }, {
      uid: true,
    });
    // UIDs grow with arrival, so the highest are the newest.
    const candidates = (found || []).sort((a, b) => b - a);
    const messages: ReadMessage[] = [];
    const marked: number[] = [];
    // Fetch in pages of the limit, so the exact "since" cut can drop some and still fill it.
    for (
      let start = 0;
      start < candidates.length && messages.length < request.limit;
      start += request.limit
    ) {
      const page = candidates.slice(start, start + request.limit);
      const fetched = await client.fetchAll(
        page.join(','),
        { uid: true, flags: true, internalDate: true, source: true },
        { uid: true },
      );
      fetched.sort((a, b) => b.uid - a.uid);
      for (const item of fetched) {
        const receivedAt = item.internalDate ? new Date(item.internalDate) : undefined;
        if (since && receivedAt && receivedAt < since) continue;
        if (messages.length >= request.limit) break;
        // \Recent only says which session saw the message first; IMAP4rev2 dropped it.
        const flags = new Set([...(item.flags ?? [])].filter((flag) => flag !== '\\Recent'));
        if (request.markAsRead) {
          flags.add('\\Seen');
          marked.push(item.uid);
        }
        messages.push(await toMessage(item.uid, item.source, receivedAt, flags, request));
      }
    }
    if (marked.length > 0) {
      await client.messageFlagsAdd(marked.join(','), ['\\Seen'], { uid: true });
    }
    return messages;
  } finally {
    lock.release();
  }
}

/** A missing mailbox becomes an error that lists the ones that exist. */
async function missingMailbox(
  client: ImapFlow,
  mailbox: string,
  error: unknown,
): Promise<IntegrationError | undefined> {
  const classified = classifyImapFailure(error);
  if (classified.error.code !== 'mailbox_not_found') return undefined;
  const existing = (await client.list()).map((entry) => entry.path);
  return new IntegrationError({
    service: 'email',
    code: 'mailbox_not_found',
    message: `No mailbox "${mailbox}" on this account. Mailboxes: ${existing.join(', ')}`,
    hint: imapErrors.mailbox_not_found.hint,
    fields: [
      {
        path: 'mailbox',
        message: `No such mailbox; use one of: ${existing.join(', ')}`,
        received: mailbox,
      },
    ],
    details: { mailboxes: existing },
  });
}

async function toMessage(
  uid: number,
  source: Buffer | undefined,
  receivedAt: Date | undefined,
  flags: Set<string>,
  request: ReadInput,
): Promise<ReadMessage> {
  const parsed = await simpleParser(source ?? Buffer.alloc(0), {
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const attachmentNames = parsed.attachments.map(
    (attachment, index) => attachment.filename ?? `attachment-${index + 1}`,
  );
  return {
    uid,
    messageId: parsed.messageId ?? null,
    from: addressesOf(parsed.from)[0] ?? null,
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: parsed.subject ?? '',
    date: parsed.date ? parsed.date.toISOString() : null,
    receivedAt: receivedAt ? receivedAt.toISOString() : null,
    text: parsed.text ?? null,
    html: parsed.html === false || parsed.html === undefined ? null : parsed.html,
    flags: [...flags].sort(),
    attachments: request.includeAttachments
      ? parsed.attachments.map((attachment, index) =>
          binaryFrom(new Uint8Array(attachment.content), {
            fileName: attachmentNames[index] ?? `attachment-${index + 1}`,
            mimeType: attachment.contentType || 'application/octet-stream',
          }),
        )
      : [],
    attachmentNames,
  };
}

function addressesOf(
  header: AddressObject | AddressObject[] | undefined,
): Array<{ name: string; address: string }> {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) =>
      entry.address ? [{ name: entry.name ?? '', address: entry.address }] : [],
    ),
  );
}
