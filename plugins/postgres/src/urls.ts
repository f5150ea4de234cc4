export const POSTGRES_DOCS_URL = 'docs/integrations/postgres.md';
