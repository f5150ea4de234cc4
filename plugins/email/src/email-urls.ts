/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const EMAIL_DOCS_URL = 'docs/integrations/email.md';
