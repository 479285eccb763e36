/**
 * The chat screen: sidebar, the open room, and the app-wide dialogs and keys. Owns which room is
 * open on each server.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppState, ServerView } from '../../shared/api/index.js';
import { useChatApi } from './api/ChatApiContext.js';
import { BrowseRoomsDialog } from './dialogs/BrowseRoomsDialog.js';
import { CreateRoomDialog } from './dialogs/CreateRoomDialog.js';
import { RoomSwitcher } from './dialogs/RoomSwitcher.js';
import { SettingsDialog } from './settings/SettingsDialog.js';
import { SignOutDialog } from './dialogs/SignOutDialog.js';
import { avatarUrl } from '../../shared/client/index.js';
import { PeopleContext, type PeopleHelpers } from './profile/PeopleContext.js';
import { ProfileCard } from './profile/ProfileCard.js';
import { useBrowserNotifications } from './hooks/useBrowserNotifications.js';
import { useHotkeys } from './hooks/useHotkeys.js';
import { useViewReporter } from './hooks/useViewReporter.js';
import { AccessDialogs, type AccessOpen } from './access/AccessDialogs.js';
import { isStaff } from './access/roles.js';
import { ConnectionBanner } from './room/ConnectionBanner.js';
import { SearchArea, type FocusRequest } from './search/SearchArea.js';
import { scopeOf } from './search/scope.js';
import { RoomView } from './room/RoomView.js';
import { MenuButton } from './sidebar/MenuButton.js';
import { Sidebar, type SidebarActions } from './sidebar/Sidebar.js';
import { useDrawer } from './sidebar/useDrawer.js';
import { roomTitle, sidebarOrder } from './helpers/roomLabel.js';

/** Props: the state, the current server, and server switching (desktop). */
export interface MainScreenProps {
  state: AppState;
  server: ServerView;
  onSelectServer: (serverId: string) => void;
  onAddServer: () => void;
}

type Open =
  | 'switcher'
  | 'browse'
  | 'create'
  | 'settings'
  | 'signOut'
  | { settings: string }
  | { profile: string }
  | undefined;

/** The main screen container. */
export function MainScreen({ state, server, onSelectServer, onAddServer }: MainScreenProps) {
  const api = useChatApi();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<Open>();
  const drawer = useDrawer();
  const [searchFocus, setSearchFocus] = useState<FocusRequest>();
  const [access, setAccess] = useState<AccessOpen>();
  const order = sidebarOrder(server);
  const room = order.find((r) => r.id === chosen[server.id]) ?? order[0];

  const selectRoom = useCallback(
    (serverId: string, roomId: string) => {
      setChosen((c) => ({ ...c, [serverId]: roomId }));
      onSelectServer(serverId);
    },
    [onSelectServer],
  );
  const view = useViewReporter(server.id, room?.id);
  const { url: serverUrl, fileAccess } = server;
  const people = useMemo<PeopleHelpers>(
    () => ({
      pictureSrc: (id) =>
        id && fileAccess ? avatarUrl({ url: serverUrl, fileAccess }, id) : undefined,
      showProfile: (userId) => setOpen({ profile: userId }),
    }),
    [serverUrl, fileAccess],
  );
  const notify = useBrowserNotifications(view, ({ serverId, roomId }) =>
    selectRoom(serverId, roomId),
  );
  useEffect(() => api.onOpenRoom((t) => selectRoom(t.serverId, t.roomId)), [api, selectRoom]);

  useHotkeys({
    switcher: () => setOpen('switcher'),
    nextRoom: (step) => {
      if (!room || order.length === 0) return;
      const i = order.findIndex((r) => r.id === room.id);
      selectRoom(server.id, order[(i + step + order.length) % order.length]!.id);
    },
    search: (scope) =>
      setSearchFocus((f) => ({
        text: scope === 'room' && room ? scopeOf(room, server) : '',
        n: (f?.n ?? 0) + 1,
      })),
  });

  // The tab title carries the unread count, as other chat apps do.
  const unread = state.servers.reduce(
    (n, s) => n + s.rooms.reduce((m, r) => m + (r.muted ? r.mentions : r.unread), 0),
    0,
  );
  const title = room ? roomTitle(room, server) : server.name;
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${title} — Parley`;
  }, [unread, title]);

  const sid = server.id;
  // What the drawer leads to closes it: the room (or dialog) is what the person wants to see.
  const hide = drawer.hide;
  const actions: SidebarActions = {
    selectServer: onSelectServer,
    addServer: onAddServer,
    selectRoom: (roomId) => {
      hide();
      selectRoom(sid, roomId);
    },
    createRoom: () => {
      hide();
      setOpen('create');
    },
    browseRooms: () => {
      hide();
      setOpen('browse');
    },
    openDm: (userId) => {
      hide();
      void api
        .call('openDm', { serverId: sid, userId })
        .then(({ roomId }) => selectRoom(sid, roomId))
        .catch(() => undefined);
    },
    stopHosting: () => void api.call('stopHosting', {}).catch(() => undefined),
    togglePresence: () =>
      void api
        .call('setPresence', {
          serverId: sid,
          status: server.me?.status === 'away' ? 'online' : 'away',
        })
        .catch(() => undefined),
    openSettings: () => {
      hide();
      setOpen('settings');
    },
    signOut: () => {
      hide();
      setOpen('signOut');
    },
    enableNotifications: notify.request,
    ...(isStaff(server.me?.role)
      ? {
          invitePeople: () => setAccess({ kind: 'invite' }),
          managePerson: (userId: string) => setAccess({ kind: 'person', userId }),
        }
      : {}),
    signOutEverywhere: () => setAccess({ kind: 'signOutEverywhere' }),
  };

  const unreadElsewhere = state.servers.some((s) =>
    s.rooms.some((r) => r.id !== room?.id && (r.mentions > 0 || (!r.muted && r.unread > 0))),
  );
  const menu = drawer.narrow ? (
    <MenuButton
      controls="sidebar"
      expanded={drawer.open}
      unread={unreadElsewhere}
      onOpen={drawer.show}
      buttonRef={drawer.button}
    />
  ) : undefined;

  return (
    <PeopleContext.Provider value={people}>
      <div className={drawer.narrow ? 'app narrow' : 'app'} {...drawer.touch}>
        <Sidebar
          id="sidebar"
          panelRef={drawer.panel}
          drawer={drawer.narrow ? (drawer.open ? 'open' : 'closed') : undefined}
          onCloseDrawer={drawer.hide}
          state={state}
          server={server}
          roomId={room?.id}
          notifyPermission={notify.permission}
          actions={actions}
        />
        {drawer.open && (
          <div className="drawer-backdrop" aria-hidden="true" onClick={drawer.hide} />
        )}
        <main className="room-pane" aria-label={title} inert={drawer.open}>
          {menu && !room && <div className="narrow-bar">{menu}</div>}
          <SearchArea
            key={sid}
            server={server}
            focus={searchFocus}
            onOpen={(hit) => {
              const { roomId, seq } = hit.message;
              // Load the page around the hit first, so the room opens on it.
              void api
                .call('openAt', { serverId: sid, roomId, seq })
                .catch(() => undefined)
                .then(() => selectRoom(sid, roomId));
            }}
          />
          <ConnectionBanner server={server} />
          {server.error && server.status !== 'online' && (
            <div className="banner banner-error" role="alert">
              {server.error.message}
            </div>
          )}
          {!room && server.status !== 'online' ? (
            <div className="empty-room muted" aria-busy="true">
              <span className="spinner" aria-hidden="true" /> Connecting to {server.name}…
            </div>
          ) : room ? (
            <RoomView
              key={`${sid}/${room.id}`}
              menu={menu}
              server={server}
              room={room}
              transfers={state.transfers.filter((t) => t.serverId === sid && t.roomId === room.id)}
            />
          ) : (
            <div className="empty-room">
              <h1>No rooms yet</h1>
              <p className="muted">Join a room or create one to start talking.</p>
              <div className="form-actions">
                <button type="button" onClick={() => setOpen('browse')}>
                  Browse rooms
                </button>
                <button type="button" className="primary" onClick={() => setOpen('create')}>
                  Create room
                </button>
              </div>
            </div>
          )}
        </main>
        {access && (
          <AccessDialogs
            state={state}
            server={server}
            open={access}
            onOpenDm={actions.openDm}
            onClose={() => setAccess(undefined)}
          />
        )}
        {open === 'switcher' && (
          <RoomSwitcher
            servers={state.servers}
            onPick={selectRoom}
            onClose={() => setOpen(undefined)}
          />
        )}
        {(open === 'settings' || (typeof open === 'object' && 'settings' in open)) && (
          <SettingsDialog
            state={state}
            server={server}
            onClose={() => setOpen(undefined)}
            {...(typeof open === 'object' ? { initialSection: open.settings } : {})}
          />
        )}
        {open === 'signOut' && server.me && (
          <SignOutDialog
            serverName={server.name}
            name={server.me.name}
            isProtected={server.protected}
            onSignOut={() => void api.call('signOut', { serverId: sid }).catch(() => undefined)}
            onProtect={() => setOpen({ settings: 'account' })}
            onClose={() => setOpen(undefined)}
          />
        )}
        {typeof open === 'object' && 'profile' in open && (
          <ProfileOf
            users={server.users}
            me={server.me}
            userId={open.profile}
            onMessage={(userId) => {
              setOpen(undefined);
              actions.openDm(userId);
            }}
            onEditProfile={() => setOpen({ settings: 'profile' })}
            onClose={() => setOpen(undefined)}
          />
        )}
        {open === 'browse' && (
          <BrowseRoomsDialog
            rooms={server.otherRooms}
            onJoin={async (roomId) => {
              await api.call('joinRoom', { serverId: sid, roomId });
              selectRoom(sid, roomId);
              setOpen(undefined);
            }}
            onCreate={() => setOpen('create')}
            onClose={() => setOpen(undefined)}
          />
        )}
        {open === 'create' && (
          <CreateRoomDialog
            onCreate={async (name, topic, isPrivate) => {
              const { roomId } = await api.call('createRoom', {
                serverId: sid,
                name,
                ...(topic ? { topic } : {}),
                ...(isPrivate ? { private: true } : {}),
              });
              selectRoom(sid, roomId);
              setOpen(undefined);
            }}
            onClose={() => setOpen(undefined)}
          />
        )}
      </div>
    </PeopleContext.Provider>
  );
}

/** The profile card of a known person (nothing while their entry is not loaded). */
function ProfileOf(props: {
  users: ServerView['users'];
  me: ServerView['me'];
  userId: string;
  onMessage: (userId: string) => void;
  onEditProfile: () => void;
  onClose: () => void;
}) {
  const user =
    props.me?.id === props.userId ? props.me : props.users.find((u) => u.id === props.userId);
  if (!user) return null;
  return (
    <ProfileCard
      user={user}
      isMe={props.me?.id === user.id}
      onMessage={() => props.onMessage(user.id)}
      onEditProfile={props.onEditProfile}
      onClose={props.onClose}
    />
  );
}
