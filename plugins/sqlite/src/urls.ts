export const SQLITE_DOCS_URL = 'docs/integrations/sqlite.md';
