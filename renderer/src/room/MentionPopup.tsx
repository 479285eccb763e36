/** Suggestions while typing "@na…": a listbox driven by the composer's arrow keys. */
import { SafeText } from '../common/SafeText.js';
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';

/** Props: the matches, which is active, and the pick. */
export interface MentionPopupProps {
  id: string;
  users: readonly User[];
  active: number;
  onPick: (user: User) => void;
  onHover: (index: number) => void;
}

/** The popup above the composer. */
export function MentionPopup({ id, users, active, onPick, onHover }: MentionPopupProps) {
  return (
    <ul id={id} className="mention-popup" role="listbox" aria-label="Mention suggestions">
      {users.map((u, i) => (
        <li
          key={u.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'mention-option active' : 'mention-option'}
          onMouseDown={(e) => {
            // Keep focus in the composer.
            e.preventDefault();
            onPick(u);
          }}
          onMouseMove={() => onHover(i)}
        >
          <Avatar
            name={u.name}
            avatar={u.avatar}
            image={u.avatarImage}
            size={22}
            status={u.status}
          />
          <SafeText text={u.name} />
        </li>
      ))}
    </ul>
  );
}
