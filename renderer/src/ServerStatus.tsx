import { useEffect, useState } from 'react';
import { HealthResponse } from '../../shared/protocol/index.js';

type State =
  { kind: 'loading' } | { kind: 'up'; health: HealthResponse } | { kind: 'down'; reason: string };

/**
 * The page a browser guest sees at the host's address until the chat window lands: which server
 * this is and whether it is up. It reads only the public health endpoint.
 */
export function ServerStatus() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    fetch('/api/health')
      .then(async (res) => HealthResponse.parse(await res.json()))
      .then((health) => setState({ kind: 'up', health }))
      .catch((err: unknown) =>
        setState({ kind: 'down', reason: err instanceof Error ? err.message : String(err) }),
      );
  }, []);
  return (
    <main className="status">
      <h1>Parley</h1>
      {state.kind === 'loading' && <p role="status">Connecting to the server…</p>}
      {state.kind === 'up' && (
        <>
          <p role="status">
            <strong>{state.health.name}</strong> is running.
          </p>
          <p className="muted">
            Server {state.health.version}, protocol {state.health.protocol}. The chat window arrives
            with the desktop app; this address is where browser guests will join.
          </p>
        </>
      )}
      {state.kind === 'down' && (
        <p role="alert">
          The server did not answer ({state.reason}). Check that the host is still running.
        </p>
      )}
    </main>
  );
}
