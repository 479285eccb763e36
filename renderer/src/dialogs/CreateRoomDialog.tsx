/** Creating a room: a name, an optional topic, and whether it is private. */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/protocol/index.js';
import { Dialog } from '../common/Dialog.js';

/** Props: create (resolves or throws a readable error) and close. */
export interface CreateRoomDialogProps {
  onCreate: (name: string, topic: string, isPrivate: boolean) => Promise<void>;
  onClose: () => void;
}

/** The create-room form in a dialog. */
export function CreateRoomDialog({ onCreate, onClose }: CreateRoomDialogProps) {
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await onCreate(name.trim(), topic.trim(), isPrivate);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Create a room" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label>
          Room name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={LIMITS.roomNameMax}
            placeholder="design"
            autoFocus
            required
          />
        </label>
        <label>
          <span>
            Topic <span className="muted">(optional)</span>
          </span>
          <input
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            maxLength={LIMITS.topicMax}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={isPrivate}
            onChange={(e) => setPrivate(e.target.checked)}
          />
          <span>
            Private room <span className="muted">(only people added to it can see it)</span>
          </span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
