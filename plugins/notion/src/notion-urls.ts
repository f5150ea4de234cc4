/** Root of Notion's public API. */
export const NOTION_API_URL = 'https://api.notion.com/v1';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const NOTION_DOCS_URL = 'docs/integrations/notion.md';

/**
 * Every request must name an API version ("missing_version" otherwise).
 * https://developers.notion.com/reference/versioning
 *
 * 2022-06-28 is the last version with a single-source database model: database_id is the
 * parent of pages and the target of queries. 2025-09-03 moves queries to data sources and
 * needs a discovery call per database (GET /databases/{id} → data_sources[].id) plus a
 * `data_source_id` parent, which changes every node's inputs; that migration is its own piece
 * of work. Under 2022-06-28 a database that a user splits into several data sources can no
 * longer be queried or written (Notion's upgrade guide), which the docs page explains.
 * https://developers.notion.com/docs/upgrade-guide-2025-09-03
 */
export const NOTION_VERSION = '2022-06-28';

export const NOTION_API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'notion-version': NOTION_VERSION,
});
