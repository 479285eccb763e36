/**
 * "Is this really the host's server?": the certificate fingerprint of a server joined for the
 * first time, as words the host's screen shows too. Joining pins it; a later change is refused.
 */
import type { IdentityToConfirm } from '../../../shared/api/index.js';

/** Props: the identity to compare, and the two answers. */
export interface IdentityCheckProps {
  identity: IdentityToConfirm;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The words, the full fingerprint, "The words match" and "Cancel". */
export function IdentityCheck({ identity, busy, error, onConfirm, onCancel }: IdentityCheckProps) {
  return (
    <section className="card form identity-check" aria-labelledby="identity-title">
      <h2 id="identity-title">Check the server&apos;s identity</h2>
      <p>
        Ask the host to read the words on their Parley screen (next to &ldquo;Identity&rdquo;). They
        must be the same words in the same order.
      </p>
      <ol className="identity-words" aria-label="Identity words">
        {identity.words.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ol>
      <p className="muted fine-print">
        {identity.url}
        <br />
        SHA-256 <span className="fingerprint">{identity.fingerprint}</span>
      </p>
      <p className="muted fine-print">
        Parley remembers this server. If its identity ever changes, Parley refuses to connect
        instead of sending your messages to an impostor.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-buttons">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Connecting…' : 'The words match'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
