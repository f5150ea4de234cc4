import { Marked, type Tokens } from 'marked';

/** Where a README's link may go: a page on the web or an e-mail address. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * A README's markdown as HTML for the integration page. The README is the plugin author's,
 * so none of their HTML gets through: marked never reads a tag as HTML (it stays text and is
 * escaped, and the html renderer escapes whatever might still come). Links open only http(s)
 * and mailto: a relative one points into the author's repository, which the studio cannot
 * open, so it stays text. Images become links, since showing one would fetch it from the
 * author's server as soon as the page opens.
 */
const readme = new Marked({
  gfm: true,
  tokenizer: {
    // No tokenizer match: the text is left for the paragraph and text rules, which escape it.
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    html: ({ text }) => escapeHtml(text),
    // The page has its own h1 and the section its h2: the README's headings sit below them.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const target = safeHref(href);
      return target ? anchor(target, inner, title) : inner;
    },
    image({ href, title, text }: Tokens.Image) {
      const label = escapeHtml(text || href);
      const target = safeHref(href);
      return target ? anchor(target, `Image: ${label}`, title) : label;
    },
  },
});

export function readmeHtml(markdown: string): string {
  return readme.parse(markdown, { async: false });
}

function anchor(href: string, inner: string, title: string | null | undefined): string {
  const titled = title ? ` title="${escapeHtml(title)}"` : '';
  return `<a href="${escapeHtml(href)}"${titled} target="_blank" rel="noreferrer noopener">${inner}</a>`;
}

function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
