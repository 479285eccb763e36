/** One person in a list: avatar, name and presence; a click opens a direct message. */
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import { SafeText } from '../common/SafeText.js';
import { neutralise } from '../helpers/bidi.js';

/** Props: the person, who is reading, and the DM action. */
export interface PersonButtonProps {
  user: User;
  meId?: string;
  onOpenDm: (userId: string) => void;
}

/** A person as a button that opens a DM with them. */
export function PersonButton({ user: u, meId, onOpenDm }: PersonButtonProps) {
  return (
    <button
      type="button"
      className={u.status === 'offline' ? 'side-item person offline' : 'side-item person'}
      onClick={() => onOpenDm(u.id)}
      aria-label={`${neutralise(u.name)}${u.id === meId ? ' (you)' : ''}, ${u.status}. Open direct message`}
    >
      <Avatar name={u.name} avatar={u.avatar} image={u.avatarImage} size={20} status={u.status} />
      <span className="side-label">
        <SafeText text={u.name} />
        {u.id === meId && <span className="muted"> (you)</span>}
      </span>
    </button>
  );
}
