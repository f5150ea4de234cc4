/** Root of the Sheets API (v4 paths go under it); credentials can point elsewhere (tests, proxies). */
export const SHEETS_API_URL = 'https://sheets.googleapis.com';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const SHEETS_DOCS_URL = 'docs/integrations/google-sheets.md';

/** Read and write spreadsheets: what a service account asks for (OAuth uses the provider's `sheets` feature, the same scope). */
export const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
