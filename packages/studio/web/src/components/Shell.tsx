import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useRoute } from '../router/router.js';
import { paths, type Route } from '../router/routes.js';
import { Icon, type IconName } from './Icon.js';

const SECTIONS: { label: string; to: string; icon: IconName; pages: Route['page'][] }[] = [
  {
    label: 'Integrations',
    to: paths.integrations(),
    icon: 'plug',
    pages: ['integrations', 'integration'],
  },
  {
    label: 'Credentials',
    to: paths.credentials(),
    icon: 'key',
    pages: ['credentials', 'credential-new', 'credential-edit'],
  },
  { label: 'Playground', to: paths.playground(), icon: 'play', pages: ['playground'] },
];

/** Navigation around every page; after a navigation, focus moves to the new page's title. */
export function Shell({
  version,
  onSignOut,
  children,
}: {
  version: string;
  /** Given when the studio needs its token: a button ends this browser's sign-in. */
  onSignOut?: (() => void) | undefined;
  children: ReactNode;
}) {
  const { route, href } = useRoute();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const pathname = href.split('?')[0];

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page (not its query) changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <Link to={paths.integrations()} className="brand">
          <span className="brand-mark" aria-hidden="true">
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
              <rect width="32" height="32" rx="8" fill="currentColor" />
              <path
                d="M11 9v14M22 9l-7.5 7L22 23"
                fill="none"
                stroke="#fff"
                strokeWidth="3"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </span>
          <span className="brand-name">
            knotwork <span className="brand-sub">studio</span>
          </span>
        </Link>
        <nav className="nav" aria-label="Main">
          {SECTIONS.map((section) => {
            const current = section.pages.includes(route.page);
            return (
              <Link
                key={section.to}
                to={section.to}
                className={current ? 'nav-link active' : 'nav-link'}
                aria-current={current ? 'page' : undefined}
              >
                <Icon name={section.icon} />
                <span>{section.label}</span>
              </Link>
            );
          })}
        </nav>
        {onSignOut ? (
          <button type="button" className="btn btn-ghost sign-out" onClick={onSignOut}>
            Sign out
          </button>
        ) : null}
        <p className="sidebar-footer">v{version}</p>
      </header>
      <main id="main" ref={main} className="main">
        {children}
      </main>
    </div>
  );
}
