/** Adding people to a room (the way into a private room): a filter and an "Add" per person. */
import { useState } from 'react';
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import { Dialog } from '../common/Dialog.js';

/** Props: the room, who could be added, and the action. */
export interface AddPeopleDialogProps {
  roomName: string;
  candidates: readonly User[];
  onAdd: (userId: string) => Promise<void>;
  onClose: () => void;
}

/** The dialog. */
export function AddPeopleDialog({ roomName, candidates, onAdd, onClose }: AddPeopleDialogProps) {
  const [query, setQuery] = useState('');
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const q = query.trim().toLowerCase();
  const shown = candidates.filter((u) => !q || u.name.toLowerCase().includes(q)).slice(0, 50);
  return (
    <Dialog title={`Add people to ${roomName}`} onClose={onClose}>
      <label>
        Find people
        <input value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="add-people">
        {shown.map((u) => (
          <li key={u.id}>
            <Avatar name={u.name} avatar={u.avatar} size={24} status={u.status} />
            <span className="grow">{u.name}</span>
            {added.includes(u.id) ? (
              <span className="muted small">Added</span>
            ) : (
              <button
                type="button"
                aria-label={`Add ${u.name}`}
                onClick={() =>
                  void onAdd(u.id).then(
                    () => setAdded((a) => [...a, u.id]),
                    (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
                  )
                }
              >
                Add
              </button>
            )}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">Nobody else to add.</li>}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
