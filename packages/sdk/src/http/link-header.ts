/** The URL of the `rel="next"` entry of an RFC 8288 Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(params)?.[1];
    if (rel?.split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}
