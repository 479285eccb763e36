/** The access-control dialogs of the main screen: invites, a person's card, sign out everywhere. */
import type { AppState, ServerView } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { InviteDialog } from './InviteDialog.js';
import { PersonDialog } from './PersonDialog.js';
import { useInvites } from './useInvites.js';

/** Which access dialog is open. */
export type AccessOpen =
  { kind: 'invite' } | { kind: 'person'; userId: string } | { kind: 'signOutEverywhere' };

/** Props: the state, the server, which dialog, and how to open a DM and close. */
export interface AccessDialogsProps {
  state: AppState;
  server: ServerView;
  open: AccessOpen;
  onOpenDm: (userId: string) => void;
  onClose: () => void;
}

/** The container: wires each dialog to the ChatApi. */
export function AccessDialogs({ state, server, open, onOpenDm, onClose }: AccessDialogsProps) {
  const api = useChatApi();
  const sid = server.id;
  if (open.kind === 'invite') {
    // People elsewhere reach a hosted server at its LAN address, not at localhost.
    const hosting = state.hosting?.serverId === sid ? state.hosting : undefined;
    return (
      <InviteContainer
        serverId={sid}
        baseUrl={hosting?.lanUrls[0] ?? server.url}
        inviteOnly={server.info?.inviteOnly === true}
        // Only a fingerprint this app pinned or serves itself goes into the desktop link; a
        // browser guest's link leaves it out, and the desktop app then asks to compare words.
        fingerprint={hosting?.identity?.fingerprint ?? server.identity?.fingerprint}
        onClose={onClose}
      />
    );
  }
  if (open.kind === 'signOutEverywhere') {
    return (
      <ConfirmDialog
        title="Sign out everywhere?"
        body={`Every other device and browser signed in as ${server.me?.name ?? 'you'} on ${server.name} is signed out at once. This one stays signed in with a new key.`}
        confirmLabel="Sign out everywhere"
        onConfirm={() => {
          void api.call('signOutEverywhere', { serverId: sid }).catch(() => undefined);
          onClose();
        }}
        onClose={onClose}
      />
    );
  }
  const user = server.users.find((u) => u.id === open.userId);
  if (!user) return null;
  return (
    <PersonDialog
      user={user}
      myRole={server.me?.role ?? 'member'}
      isMe={user.id === server.me?.id}
      onMessage={() => {
        onOpenDm(user.id);
        onClose();
      }}
      onSetRole={(role) => api.call('setRole', { serverId: sid, userId: user.id, role })}
      onKick={() => api.call('kickUser', { serverId: sid, userId: user.id })}
      onBan={() => api.call('banUser', { serverId: sid, userId: user.id })}
      onClose={onClose}
    />
  );
}

function InviteContainer(props: {
  serverId: string;
  baseUrl: string;
  inviteOnly: boolean;
  fingerprint: string | undefined;
  onClose: () => void;
}) {
  const invites = useInvites(props.serverId);
  return (
    <InviteDialog
      baseUrl={props.baseUrl}
      inviteOnly={props.inviteOnly}
      {...(props.fingerprint ? { fingerprint: props.fingerprint } : {})}
      invites={invites}
      onClose={props.onClose}
    />
  );
}
