import { getPluginDocs } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';

/** The plugin's README, rendered without any HTML of its author's (see format/markdown.ts). */
export function PluginDocs({ name, docsUrl }: { name: string; docsUrl: string | null }) {
  const docs = useApi(async () => {
    // The markdown renderer loads with the first README, not with the catalog.
    const [markdown, { readmeHtml }] = await Promise.all([
      getPluginDocs(name),
      import('../format/markdown.js'),
    ]);
    return readmeHtml(markdown);
  }, [name]);

  if (docs.error?.code === 'docs_not_found') {
    return (
      <p className="muted">
        This plugin ships no README.
        {docsUrl ? (
          <>
            {' '}
            Its documentation is <code>{docsUrl}</code> in the knotwork repository.
          </>
        ) : null}
      </p>
    );
  }
  if (docs.error)
    return <ErrorNotice error={docs.error} title="Could not load the documentation" />;
  if (docs.data === undefined) return <Loading label="Loading the documentation…" rows={3} />;
  return (
    <article
      className="card markdown"
      // Safe: readmeHtml lets no HTML of the README's author through, only what marked builds.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the markdown renderer escapes all HTML
      dangerouslySetInnerHTML={{ __html: docs.data }}
    />
  );
}
