/**
 * A docs link to open, or undefined when the manifest gave a path inside the knotwork
 * repository (docs/integrations/slack.md), which the browser cannot open by itself.
 */
export function docsHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\//i.test(url) ? url : undefined;
}
