/** Public rooms the user has not joined, each with a Join button. */
import { useState } from 'react';
import type { RoomSummary } from '../../../shared/protocol/index.js';
import { Dialog } from '../common/Dialog.js';

/** Props: the rooms, join (resolves when joined), and close. */
export interface BrowseRoomsDialogProps {
  rooms: readonly RoomSummary[];
  onJoin: (roomId: string) => Promise<void>;
  onCreate: () => void;
  onClose: () => void;
}

/** The room directory. */
export function BrowseRoomsDialog({ rooms, onJoin, onCreate, onClose }: BrowseRoomsDialogProps) {
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string>();
  const q = filter.trim().toLowerCase();
  const shown = rooms.filter(
    (r) => !q || r.name.toLowerCase().includes(q) || r.topic.toLowerCase().includes(q),
  );
  return (
    <Dialog title="Browse rooms" onClose={onClose} className="browse-dialog">
      <input
        className="dialog-filter"
        aria-label="Filter rooms"
        placeholder="Filter rooms"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoFocus
      />
      {shown.length === 0 && (
        <p className="muted">
          {rooms.length === 0 ? 'You are in every room.' : 'No room matches.'}
        </p>
      )}
      <ul className="browse-list">
        {shown.map((r) => (
          <li key={r.id} className="browse-item">
            <span className="browse-text">
              <span className="browse-name"># {r.name}</span>
              {r.topic && <span className="muted browse-topic">{r.topic}</span>}
              <span className="muted browse-members">
                {r.memberCount} member{r.memberCount === 1 ? '' : 's'}
              </span>
            </span>
            <button
              type="button"
              aria-label={`Join ${r.name}`}
              onClick={() =>
                onJoin(r.id).catch((err: unknown) =>
                  setError(err instanceof Error ? err.message : String(err)),
                )
              }
            >
              Join
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCreate}>
          Create a room
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
