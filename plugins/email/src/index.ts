import { definePlugin } from '@knotwork/sdk';
import { imap, smtp } from './credentials.js';
import { EMAIL_DOCS_URL } from './email-urls.js';
import { emailIcon } from './icon.js';
import { read } from './nodes/read.js';
import { send } from './nodes/send.js';

export default definePlugin({
  name: 'email',
  displayName: 'Email (SMTP/IMAP)',
  description:
    'Send e-mail over SMTP with attachments from earlier nodes, and read mailboxes over IMAP with attachments as files.',
  icon: emailIcon,
  categories: ['Communication'],
  docsUrl: EMAIL_DOCS_URL,
  credentials: [smtp, imap],
  nodes: [send, read],
});
