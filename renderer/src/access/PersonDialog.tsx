/** One person, for owners and admins: message them, change their role, kick or ban them. */
import { useState } from 'react';
import type { Role, User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import { Dialog } from '../common/Dialog.js';
import { canModerate, ROLE_LABEL } from './roles.js';

/** Props: the person, my role, and the actions (each resolves or throws a readable error). */
export interface PersonDialogProps {
  user: User;
  myRole: Role;
  isMe: boolean;
  onMessage: () => void;
  onSetRole: (role: 'admin' | 'member') => Promise<void>;
  onKick: () => Promise<void>;
  onBan: () => Promise<void>;
  onClose: () => void;
}

/** The dialog. */
export function PersonDialog(props: PersonDialogProps) {
  const { user, myRole, isMe, onMessage, onSetRole, onKick, onBan, onClose } = props;
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [confirmBan, setConfirmBan] = useState(false);
  const [busy, setBusy] = useState(false);
  const role = user.role ?? 'member';
  const may = !isMe && canModerate(myRole, role) && !user.banned;
  const act = async (fn: () => Promise<void>, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      setDone(message);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={user.name} onClose={onClose} className="person-dialog">
      <div className="person-head">
        <Avatar name={user.name} avatar={user.avatar} size={48} status={user.status} />
        <p className="muted">
          {ROLE_LABEL[role]}
          {user.banned ? ' · banned' : ` · ${user.status}`}
        </p>
      </div>
      {done && (
        <p className="form-note" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="person-actions">
        {!user.banned && (
          <button type="button" onClick={onMessage}>
            Send a message
          </button>
        )}
        {may && role === 'member' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => onSetRole('admin'), `${user.name} is an admin now.`)}
          >
            Make admin
          </button>
        )}
        {may && role === 'admin' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => onSetRole('member'), `${user.name} is a member now.`)}
          >
            Remove admin
          </button>
        )}
        {may && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(onKick, `${user.name} was removed; they can come back with their session.`)
            }
          >
            Kick
          </button>
        )}
        {may &&
          (confirmBan ? (
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                void act(onBan, `${user.name} is banned: signed out everywhere, for good.`)
              }
            >
              Confirm ban
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmBan(true)}>
              Ban
            </button>
          ))}
      </div>
      {confirmBan && !done && (
        <p className="muted small">
          Banning signs {user.name} out on every device and keeps the name out, invite or not.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
