/** The state of an own message the server has not stored yet: sending, or failed with retry. */

/** Props: the outbox state and its two remedies. */
export interface OutboxStatusProps {
  status: 'sending' | 'failed';
  error?: string;
  onRetry: () => void;
  onDiscard: () => void;
}

/** "Sending…" or "Failed — retry" with Retry and Discard buttons. */
export function OutboxStatus({ status, error, onRetry, onDiscard }: OutboxStatusProps) {
  if (status === 'sending') {
    return (
      <div className="outbox outbox-sending">
        <span className="spinner" aria-hidden="true" /> Sending…
      </div>
    );
  }
  return (
    <div className="outbox outbox-failed" role="alert">
      <span>Failed{error ? `: ${error}` : ''} — </span>
      <button type="button" className="link-button" onClick={onRetry}>
        Retry
      </button>
      <button type="button" className="link-button" onClick={onDiscard}>
        Discard
      </button>
    </div>
  );
}
