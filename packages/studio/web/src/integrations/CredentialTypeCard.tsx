import type { CredentialTypeInfo } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { docsHref } from '../format/docs.js';
import { CREDENTIAL_KIND_LABEL, count } from '../format/labels.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

export function CredentialTypeCard({ info, saved }: { info: CredentialTypeInfo; saved: number }) {
  const docs = docsHref(info.docsUrl);
  return (
    <article className="card row-card">
      <div className="row-card-main">
        <h3>
          {info.displayName} <span className="tag">{CREDENTIAL_KIND_LABEL[info.kind]}</span>
        </h3>
        <p className="muted">{info.description}</p>
        {info.oauth && info.oauth.scopes.length > 0 ? (
          <p className="small muted">
            Asks for:{' '}
            {info.oauth.scopes.map((scope) => (
              <code key={scope} className="scope">
                {scope}
              </code>
            ))}
          </p>
        ) : null}
        <p className="small muted">
          {saved > 0 ? `${count(saved, 'saved credential')}` : 'None saved yet'}
          {docs ? (
            <>
              {' · '}
              <a href={docs} target="_blank" rel="noreferrer">
                How to get one <Icon name="external" size={12} />
              </a>
            </>
          ) : null}
        </p>
      </div>
      <div className="row-card-actions">
        <Link
          to={paths.newCredential({ plugin: info.plugin, type: info.type })}
          className="btn btn-secondary"
        >
          {info.kind === 'oauth2' ? 'Connect' : 'Set up'}
        </Link>
      </div>
    </article>
  );
}
