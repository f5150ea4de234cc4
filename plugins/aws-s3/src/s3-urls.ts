/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const S3_DOCS_URL = 'docs/integrations/aws-s3.md';
