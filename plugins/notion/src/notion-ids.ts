const HEX_ID = /([0-9a-f]{32})$/i;

/**
 * The 32-hex-digit id inside what a person pastes: a bare id, a dashed UUID, or a Notion link.
 *
 * Links end in the id, after the title slug for pages ("Tuscan-kale-598337872cf94fdf8782e53db20768a5")
 * and alone for databases ("/<workspace>/d9824bdc84454327be8b5b47500af6ce?v=<view id>"). The
 * ?v= value is a view, not the database, and #fragment a block, so both are ignored; a page
 * opened over a database ("…?v=…&p=<page id>") is the page in `p` when a page is wanted.
 * https://developers.notion.com/docs/working-with-page-content#creating-a-page-with-content
 */
export function notionIdFrom(text: string, kind: 'page' | 'database'): string | undefined {
  let candidate = text.trim();
  if (/^https?:\/\//i.test(candidate)) {
    if (!URL.canParse(candidate)) return undefined;
    const url = new URL(candidate);
    const peeked = kind === 'page' ? url.searchParams.get('p') : null;
    candidate = peeked ?? url.pathname.split('/').filter(Boolean).pop() ?? '';
  }
  const hex = HEX_ID.exec(candidate.replace(/-/g, ''))?.[1]?.toLowerCase();
  if (!hex) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
