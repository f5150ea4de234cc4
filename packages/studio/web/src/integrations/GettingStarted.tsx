/** The first-run path, shown until a credential exists. */
export function GettingStarted() {
  return (
    <section className="getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">Getting started</h2>
      <ol className="steps">
        <li>
          <strong>Pick an integration</strong>
          <span>Slack, PostgreSQL, a webhook… each card below is one service.</span>
        </li>
        <li>
          <strong>Connect it</strong>
          <span>
            Add a credential: a token, a login, or sign in with OAuth. It is stored encrypted.
          </span>
        </li>
        <li>
          <strong>Try a node</strong>
          <span>Run an action in the playground and see exactly what it returns.</span>
        </li>
      </ol>
    </section>
  );
}
