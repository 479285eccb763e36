/** A round avatar: the person's picture, else their colour with their emoji or initial. */
import { useState } from 'react';
import type { Avatar as AvatarData } from '../../../shared/protocol/index.js';
import { initialOf, textOn } from '../helpers/avatarColors.js';
import { usePeople } from '../profile/PeopleContext.js';

/** Props: whose avatar, and how big. */
export interface AvatarProps {
  name: string;
  avatar?: AvatarData;
  /** Profile picture id (User.avatarImage), shown instead of the initial. */
  image?: string;
  size?: number;
  status?: 'online' | 'away' | 'offline';
}

/** Decorative: the name is always written next to it, so it is hidden from screen readers. */
export function Avatar({ name, avatar, image, size = 36, status }: AvatarProps) {
  const src = usePeople().pictureSrc(image ?? '');
  const [failed, setFailed] = useState<string>();
  const color = avatar?.color ?? '#868e96';
  const showImage = !!image && !!src && failed !== src;
  return (
    <span
      className={showImage ? 'avatar avatar-picture' : 'avatar'}
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        background: color,
        color: textOn(color),
        fontSize: Math.round(size * (avatar?.emoji ? 0.55 : 0.45)),
      }}
    >
      {showImage ? (
        <img
          src={src}
          alt=""
          width={size}
          height={size}
          draggable={false}
          onError={() => setFailed(src)}
        />
      ) : (
        (avatar?.emoji ?? initialOf(name))
      )}
      {status && <span className={`presence-dot presence-${status}`} />}
    </span>
  );
}
