/** The bottom of the sidebar: who I am, my presence, notifications, settings, sign out. */
import { SafeText } from '../common/SafeText.js';
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import type { NotifyPermission } from '../hooks/useBrowserNotifications.js';
import { Icon } from '../common/Icon.js';

/** Props: me and the actions on me. */
export interface SidebarFooterProps {
  me?: User;
  /** False while the server is unreachable: then presence is not what others see. */
  connected: boolean;
  notifyPermission: NotifyPermission;
  onEnableNotifications: () => void;
  onTogglePresence: () => void;
  onOpenSettings: () => void;
  onSignOut: () => void;
  onSignOutEverywhere: () => void;
}

/** My avatar and name, and small controls. */
export function SidebarFooter({
  me,
  connected,
  notifyPermission,
  onEnableNotifications,
  onTogglePresence,
  onOpenSettings,
  onSignOut,
  onSignOutEverywhere,
}: SidebarFooterProps) {
  return (
    <div className="side-footer">
      {notifyPermission === 'default' && (
        <button type="button" className="enable-notify" onClick={onEnableNotifications}>
          <Icon name="bell" size={15} /> Enable notifications
        </button>
      )}
      {me && (
        <div className="me">
          <Avatar
            name={me.name}
            avatar={me.avatar}
            image={me.avatarImage}
            size={30}
            status={connected ? me.status : 'offline'}
          />
          <span className="me-text">
            <SafeText className="me-name" text={me.name} />
            {!connected ? (
              <span className="me-status">Not connected</span>
            ) : (
              <button
                type="button"
                className="link-button me-status"
                onClick={onTogglePresence}
                aria-label={me.status === 'away' ? 'Set yourself online' : 'Set yourself away'}
                title={me.status === 'away' ? 'Set yourself online' : 'Set yourself away'}
              >
                {me.status === 'away' ? 'Away' : 'Online'}
              </button>
            )}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Settings"
            title="Settings"
            onClick={onOpenSettings}
          >
            <Icon name="settings" size={17} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Sign out"
            title="Sign out"
            onClick={onSignOut}
          >
            <Icon name="logout" size={17} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Sign out everywhere"
            title="Sign out everywhere"
            onClick={onSignOutEverywhere}
          >
            <Icon name="shield" size={17} />
          </button>
        </div>
      )}
    </div>
  );
}
