/** The sidebar: servers (desktop), rooms, DMs and people. Presentational: actions come in. */
import type { Ref } from 'react';
import type { AppState, ServerView } from '../../../shared/api/index.js';
import type { NotifyPermission } from '../hooks/useBrowserNotifications.js';
import { PeopleList } from './PeopleList.js';
import { RoomList } from './RoomList.js';
import { ServerHeader } from './ServerHeader.js';
import { ServerRail } from './ServerRail.js';
import { SidebarFooter } from './SidebarFooter.js';
import { Icon } from '../common/Icon.js';

/** What the sidebar can ask for. */
export interface SidebarActions {
  selectServer(serverId: string): void;
  addServer(): void;
  selectRoom(roomId: string): void;
  createRoom(): void;
  browseRooms(): void;
  openDm(userId: string): void;
  stopHosting(): void;
  togglePresence(): void;
  openSettings(): void;
  signOut(): void;
  enableNotifications(): void;
  /** Owners and admins: the "Invite people" dialog (absent for members). */
  invitePeople?(): void;
  /** Owners and admins: a person's card with role, kick and ban. */
  managePerson?(userId: string): void;
  signOutEverywhere(): void;
}

/** Props: the state, the current server and room, and the actions. */
export interface SidebarProps {
  id?: string;
  panelRef?: Ref<HTMLElement>;
  /** On a phone the sidebar is a drawer, open or closed; undefined on wide windows. */
  drawer?: 'open' | 'closed';
  onCloseDrawer?: () => void;
  state: AppState;
  server: ServerView;
  roomId?: string;
  notifyPermission: NotifyPermission;
  actions: SidebarActions;
}

/** The navigation landmark. */
export function Sidebar(props: SidebarProps) {
  const { state, server, roomId, notifyPermission, actions, drawer } = props;
  const rooms = server.rooms.filter((r) => r.kind === 'room');
  const dms = server.rooms.filter((r) => r.kind === 'dm');
  const hosting = state.hosting?.serverId === server.id ? state.hosting : undefined;
  return (
    <nav
      id={props.id}
      ref={props.panelRef}
      className={drawer ? `sidebar drawer drawer-${drawer}` : 'sidebar'}
      aria-label="Rooms and people"
      // A closed drawer is off screen: out of the tab order and of the accessibility tree.
      inert={drawer === 'closed'}
    >
      {state.capabilities.multiServer && (
        <ServerRail
          servers={state.servers}
          currentId={server.id}
          onSelect={actions.selectServer}
          onAdd={actions.addServer}
        />
      )}
      <div className="side-main">
        <ServerHeader
          server={server}
          hosting={hosting}
          onStopHosting={actions.stopHosting}
          onClose={drawer === 'open' ? props.onCloseDrawer : undefined}
          onInvite={actions.invitePeople}
        />
        <div className="side-scroll">
          <RoomList
            title="Rooms"
            rooms={rooms}
            server={server}
            selectedId={roomId}
            onSelect={actions.selectRoom}
            actions={
              <span className="side-actions">
                <button
                  type="button"
                  className="icon-button small"
                  aria-label="Browse rooms"
                  title="Browse rooms"
                  onClick={actions.browseRooms}
                >
                  <Icon name="list" size={15} />
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label="Create room"
                  title="Create room"
                  onClick={actions.createRoom}
                >
                  <Icon name="plus" size={16} />
                </button>
              </span>
            }
          />
          {server.otherRooms.length > 0 && (
            <button type="button" className="side-browse link-button" onClick={actions.browseRooms}>
              {server.otherRooms.length} more room{server.otherRooms.length === 1 ? '' : 's'} to
              join
            </button>
          )}
          <RoomList
            title="Direct messages"
            rooms={dms}
            server={server}
            selectedId={roomId}
            onSelect={actions.selectRoom}
          />
          <PeopleList
            serverId={server.id}
            users={server.users}
            userCount={server.userCount}
            meId={server.me?.id}
            connected={server.status === 'online'}
            onOpenDm={actions.openDm}
            onManage={actions.managePerson}
          />
        </div>
        <SidebarFooter
          me={server.me}
          connected={server.status === 'online'}
          notifyPermission={notifyPermission}
          onEnableNotifications={actions.enableNotifications}
          onTogglePresence={actions.togglePresence}
          onOpenSettings={actions.openSettings}
          onSignOut={actions.signOut}
          onSignOutEverywhere={actions.signOutEverywhere}
        />
      </div>
    </nav>
  );
}
