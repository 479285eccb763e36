/** The room's title bar: name, topic, members, mute and leave. */
import type { ReactNode } from 'react';
import { Icon } from '../common/Icon.js';

/** Props: what to show and the two toggles. */
export interface RoomHeaderProps {
  /** The phone layout's menu button, before the title. */
  menu?: ReactNode;
  title: string;
  kind: 'room' | 'dm';
  topic: string;
  memberCount: number;
  muted: boolean;
  /** For a DM: the other person's presence. */
  presence?: string;
  onToggleMute: () => void;
  onLeave?: () => void;
  /** A private room: only members see it. */
  isPrivate?: boolean;
  /** Adds people to the room (shown for private rooms). */
  onAddPeople?: () => void;
}

/** The header strip. */
export function RoomHeader(props: RoomHeaderProps) {
  const { title, kind, topic, memberCount, muted, presence, onToggleMute, onLeave } = props;
  const { isPrivate, onAddPeople } = props;
  return (
    <header className="room-header">
      {props.menu}
      <div className="room-title">
        <h1>
          {kind === 'room' && (
            <span className="room-hash" aria-hidden="true">
              #
            </span>
          )}
          <bdi>{kind === 'room' ? title.replace(/^#/, '') : title}</bdi>
        </h1>
        <p className="room-topic muted">
          {kind === 'room'
            ? [
                isPrivate ? 'Private' : '',
                topic,
                `${memberCount} member${memberCount === 1 ? '' : 's'}`,
              ]
                .filter(Boolean)
                .join(' · ')
            : presence
              ? `Direct message · ${presence}`
              : 'Direct message'}
        </p>
      </div>
      <div className="room-actions">
        {onAddPeople && (
          <button type="button" onClick={onAddPeople}>
            <Icon name="userPlus" size={15} />
            Add people
          </button>
        )}
        <button
          type="button"
          className={muted ? 'toggle on' : 'toggle'}
          aria-pressed={muted}
          onClick={onToggleMute}
          title={muted ? 'Muted: no notifications except mentions' : 'Mute notifications'}
        >
          <Icon name={muted ? 'bellOff' : 'bell'} size={15} />
          {muted ? 'Muted' : 'Mute'}
        </button>
        {onLeave && (
          <button type="button" onClick={onLeave}>
            Leave
          </button>
        )}
      </div>
    </header>
  );
}
