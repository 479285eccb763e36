/** One person in a list: avatar, name, role and presence; a click opens a direct message. */
import type { User } from '../../../shared/protocol/index.js';
import { ROLE_LABEL } from '../access/roles.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { SafeText } from '../common/SafeText.js';
import { neutralise } from '../helpers/bidi.js';

/** Props: the person, who is reading, whether presence is known, and the actions. */
export interface PersonButtonProps {
  user: User;
  meId?: string;
  /** False while the server is unreachable: then nobody's presence is known. */
  connected?: boolean;
  onOpenDm: (userId: string) => void;
  /** Opens a person's card (role, and kick/ban/roles for owners and admins). */
  onManage?: (userId: string) => void;
}

/** A person as a button that opens a DM with them, and a Manage button beside it. */
export function PersonButton({
  user: u,
  meId,
  connected = true,
  onOpenDm,
  onManage,
}: PersonButtonProps) {
  return (
    <>
      <button
        type="button"
        className={
          connected && u.status !== 'offline' ? 'side-item person' : 'side-item person offline'
        }
        onClick={() => onOpenDm(u.id)}
        // Starts with the visible text (name, "(you)"), then the status and the action.
        aria-label={`${neutralise(u.name)}${u.id === meId ? ' (you)' : ''}, ${connected ? u.status : 'status unknown'}. Open direct message`}
      >
        <Avatar
          name={u.name}
          avatar={u.avatar}
          image={u.avatarImage}
          size={20}
          status={connected ? u.status : undefined}
        />
        <span className="side-label">
          <SafeText text={u.name} />
          {u.id === meId && <span className="muted"> (you)</span>}
          {u.role && u.role !== 'member' && (
            <span className="role-badge">{ROLE_LABEL[u.role]}</span>
          )}
        </span>
      </button>
      {onManage && u.id !== meId && (
        <button
          type="button"
          className="icon-button small person-more"
          aria-label={`Manage ${u.name}`}
          title={`${u.name}: role, kick, ban`}
          onClick={() => onManage(u.id)}
        >
          <Icon name="menu" size={14} />
        </button>
      )}
    </>
  );
}
