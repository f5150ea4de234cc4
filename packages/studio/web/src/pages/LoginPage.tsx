import { type FormEvent, useId, useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { login } from '../api/endpoints.js';
import type { ApiErrorBody } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';

/** The token prompt of a studio started with KNOTWORK_AUTH_TOKEN. */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError({ code: 'invalid_input', message: 'Enter the access token.' });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await login(token.trim());
      onSignedIn();
    } catch (failure) {
      const body = toErrorBody(failure);
      setError(
        body.code === 'unauthorized'
          ? { ...body, message: 'That token is not the one the server was started with.' }
          : body,
      );
      setBusy(false);
    }
  };

  return (
    <main className="centered-page">
      <form className="centered-card login-card" onSubmit={submit} noValidate>
        <span className="empty-icon">
          <Icon name="lock" size={24} />
        </span>
        <h1 className="page-title">Sign in to knotwork studio</h1>
        <p className="page-description">
          This studio is reachable from other machines, so it asks for the token it was started with
          (<code>KNOTWORK_AUTH_TOKEN</code>).
        </p>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-group">
          <label className="control-label" htmlFor={id}>
            Access token
          </label>
          <input
            id={id}
            className="form-control"
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page
            autoFocus
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
