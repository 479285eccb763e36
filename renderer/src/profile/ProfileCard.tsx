/** A person's card: picture, name, presence, status and do-not-disturb, and a way to write them. */
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import { Dialog } from '../common/Dialog.js';

/** Props: whom to show, whether it is oneself, and the actions. */
export interface ProfileCardProps {
  user: User;
  isMe: boolean;
  onMessage: () => void;
  onEditProfile: () => void;
  onClose: () => void;
}

const PRESENCE = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

/** The card, as a small dialog. */
export function ProfileCard({ user, isMe, onMessage, onEditProfile, onClose }: ProfileCardProps) {
  return (
    <Dialog title={`Profile of ${user.name}`} hideTitle onClose={onClose} className="profile-card">
      <div className="profile-card-head">
        <Avatar
          name={user.name}
          avatar={user.avatar}
          image={user.avatarImage}
          size={96}
          status={user.status}
        />
        <div className="profile-card-text">
          <p className="profile-card-name">
            <bdi>{user.name}</bdi>
            {isMe && <span className="muted"> (you)</span>}
          </p>
          <p className="muted">{PRESENCE[user.status]}</p>
          {user.dnd && <p className="profile-card-dnd">Do not disturb</p>}
          {(user.statusText || user.statusEmoji) && (
            <p className="profile-card-status">
              {user.statusEmoji && <span aria-hidden="true">{user.statusEmoji} </span>}
              <bdi>{user.statusText}</bdi>
            </p>
          )}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        {isMe ? (
          <button type="button" className="primary" onClick={onEditProfile} autoFocus>
            Edit profile
          </button>
        ) : (
          <button type="button" className="primary" onClick={onMessage} autoFocus>
            Send message
          </button>
        )}
      </div>
    </Dialog>
  );
}
