/** A round avatar: the user's colour with their emoji or initial. */
import type { Avatar as AvatarData } from '../../../shared/protocol/index.js';
import { initialOf, textOn } from '../helpers/avatarColors.js';

/** Props: whose avatar, and how big. */
export interface AvatarProps {
  name: string;
  avatar?: AvatarData;
  size?: number;
  status?: 'online' | 'away' | 'offline';
}

/** Decorative: the name is always written next to it, so it is hidden from screen readers. */
export function Avatar({ name, avatar, size = 36, status }: AvatarProps) {
  const color = avatar?.color ?? '#868e96';
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        background: color,
        color: textOn(color),
        fontSize: Math.round(size * (avatar?.emoji ? 0.55 : 0.45)),
      }}
    >
      {avatar?.emoji ?? initialOf(name)}
      {status && <span className={`presence-dot presence-${status}`} />}
    </span>
  );
}
