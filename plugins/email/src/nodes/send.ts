import {
  binaryField,
  defineNode,
  FieldType,
  field,
  invalidFieldsError,
  readBinary,
  z,
} from '@knotwork/sdk';
import { isEmailAddress, isSingleAddress, parseRecipients } from '../addresses.js';
import { smtp } from '../credentials.js';
import { classifySmtpFailure } from '../error-mapping.js';
import { withRetries } from '../retry.js';
import { pooledTransport } from '../smtp-transport.js';

const recipients = (label: string, description: string) =>
  field(z.union([z.string(), z.array(z.string())]).optional(), {
    field: FieldType.EMAIL,
    label,
    description,
    placeholder: 'Ann <ann@example.com>, bob@example.com',
  });

const attachment = z.strictObject({
  file: binaryField({ label: 'File', description: 'A file from an earlier node.' }),
  fileName: field(z.string().trim().min(1).optional(), {
    label: 'File name',
    description: "Name the recipient sees; defaults to the file's own name.",
  }),
});

const input = z
  .strictObject({
    to: recipients('To', 'One address, several separated by commas, or a list.'),
    cc: recipients('Cc', 'Copied recipients, seen by everyone.'),
    bcc: recipients('Bcc', 'Hidden recipients.'),
    subject: field(z.string(), { label: 'Subject' }),
    text: field(z.string().optional(), {
      field: FieldType.TEXT,
      label: 'Text',
      description: 'The plain-text body. Give text, HTML, or both (mail clients pick).',
    }),
    html: field(z.string().optional(), {
      field: FieldType.CODE,
      label: 'HTML',
      description: 'The HTML body.',
    }),
    from: field(z.string().trim().min(1).optional(), {
      field: FieldType.EMAIL,
      label: 'From',
      description:
        'Sender, e.g. "Reports <reports@example.com>". Defaults to the credential\'s sender. Most providers only accept the account\'s own addresses.',
      advanced: true,
    }),
    replyTo: recipients('Reply to', 'Where replies go, when not to the sender.'),
    attachments: field(z.array(attachment).max(100).optional(), {
      label: 'Attachments',
      description: 'Files from earlier nodes, each with an optional file name.',
    }),
  })
  .superRefine((message, ctx) => {
    const to = parseRecipients(message.to, 'to');
    const cc = parseRecipients(message.cc, 'cc');
    const bcc = parseRecipients(message.bcc, 'bcc');
    const problems = [
      ...to.problems,
      ...cc.problems,
      ...bcc.problems,
      ...parseRecipients(message.replyTo, 'replyTo').problems,
    ];
    if (message.from !== undefined && !isSingleAddress(message.from)) {
      problems.push({
        path: 'from',
        message: 'Give one sender address, e.g. Reports <reports@example.com>',
      });
    }
    for (const problem of problems) {
      ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
    }
    const recipientCount = to.addresses.length + cc.addresses.length + bcc.addresses.length;
    if (recipientCount === 0 && problems.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'Give at least one recipient in to, cc or bcc',
      });
    }
    if (!message.text && !message.html) {
      for (const path of ['text', 'html']) {
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'Give the body as text or HTML (or both)',
        });
      }
    }
  });

const output = z.object({
  messageId: z.string().describe('The Message-ID header, e.g. <…@example.com>.'),
  accepted: z.array(z.string()).describe('Recipients the server accepted.'),
  rejected: z.array(z.string()).describe('Recipients the server refused (the rest were sent).'),
  response: z.string().describe("The server's final reply, e.g. 250 2.0.0 OK."),
});

export const send = defineNode({
  key: 'send',
  kind: 'action',
  displayName: 'Send',
  description:
    'Sends an e-mail over SMTP to to/cc/bcc recipients, with a text and/or HTML body and attachments from earlier nodes.',
  credentials: [smtp],
  input,
  output,
  run: async (ctx, message) => {
    const { data } = ctx.credential;
    const from = message.from ?? data.from ?? (isEmailAddress(data.user) ? data.user : undefined);
    if (!from) {
      throw invalidFieldsError('email', 'Input of email.send', [
        {
          path: 'from',
          message:
            'No sender: the credential has no default sender and its user is not an address. Give "from", e.g. reports@example.com',
        },
      ]);
    }
    const attachments = await Promise.all(
      (message.attachments ?? []).map(async ({ file, fileName }) => ({
        filename: fileName ?? file.fileName,
        content: Buffer.from(await readBinary(file)),
        contentType: file.mimeType,
      })),
    );
    const transport = await pooledTransport(ctx);
    const info = await withRetries(
      ctx,
      'SMTP send',
      () =>
        transport.sendMail({
          from,
          ...(message.to ? { to: message.to } : {}),
          ...(message.cc ? { cc: message.cc } : {}),
          ...(message.bcc ? { bcc: message.bcc } : {}),
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          subject: message.subject,
          ...(message.text ? { text: message.text } : {}),
          ...(message.html ? { html: message.html } : {}),
          attachments,
          signal: ctx.signal,
        }),
      classifySmtpFailure,
    );
    const accepted = info.accepted.map(String);
    const rejected = info.rejected.map(String);
    if (rejected.length > 0) {
      ctx.logger.warn(`The server refused ${rejected.length} recipient(s); the others were sent`, {
        rejected,
      });
    }
    ctx.logger.info(`Sent ${info.messageId} to ${accepted.length} recipient(s)`);
    return { messageId: info.messageId, accepted, rejected, response: info.response };
  },
});
