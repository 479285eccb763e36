/** A small coloured dot for a connection state, with the state as text for screen readers. */
import type { ConnectionStatus } from '../../../shared/api/index.js';

/** Words for each connection state. */
export const STATUS_TEXT: Record<ConnectionStatus, string> = {
  'signed-out': 'Not signed in',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
};

/** The dot, labelled. */
export function StatusDot({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`status-dot status-${status}`} role="img" aria-label={STATUS_TEXT[status]} />
  );
}
