import type { ReactNode } from 'react';

/** The page's title; it takes focus after navigation so screen readers announce the new page. */
export function PageHeader({
  title,
  description,
  actions,
  before,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  before?: ReactNode;
}) {
  return (
    <header className="page-header">
      {before}
      <div className="page-header-row">
        <div className="page-header-text">
          <h1 tabIndex={-1} className="page-title">
            {title}
          </h1>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
    </header>
  );
}
