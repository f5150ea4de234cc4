import { useCallback, useEffect, useState } from 'react';
import { fetchSession, onUnauthorized, toErrorBody } from './api/client.js';
import { logout } from './api/endpoints.js';
import type { ApiErrorBody, Session } from './api/types.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Loading } from './components/Loading.js';
import { Shell } from './components/Shell.js';
import { LoginPage } from './pages/LoginPage.js';
import { Pages } from './pages/Pages.js';

/** Asks the server who we are first: a studio bound beyond loopback wants its token. */
export function App() {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<ApiErrorBody>();
  const [signedOut, setSignedOut] = useState(false);

  const loadSession = useCallback(() => {
    setError(undefined);
    fetchSession().then(
      (next) => {
        setSession(next);
        setSignedOut(false);
      },
      (failure: unknown) => setError(toErrorBody(failure)),
    );
  }, []);

  const signOut = useCallback(() => {
    logout().then(
      () => setSignedOut(true),
      (failure: unknown) => setError(toErrorBody(failure)),
    );
  }, []);

  useEffect(() => {
    loadSession();
    return onUnauthorized(() => setSignedOut(true));
  }, [loadSession]);

  if (error) {
    return (
      <main className="centered-page">
        <div className="centered-card">
          <ErrorNotice error={error} title="The studio could not start" />
          <button type="button" className="btn btn-primary" onClick={loadSession}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="centered-page">
        <Loading label="Starting the studio…" rows={1} />
      </main>
    );
  }
  if (signedOut || (session.authRequired && !session.authenticated)) {
    return <LoginPage onSignedIn={loadSession} />;
  }
  return (
    <Shell version={session.version} onSignOut={session.authRequired ? signOut : undefined}>
      <Pages />
    </Shell>
  );
}
