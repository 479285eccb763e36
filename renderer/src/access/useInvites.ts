/** The invites of one server: list, create, revoke, invite-only; for the "Invite people" dialog. */
import { useCallback, useEffect, useState } from 'react';
import type { Invite } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { errorMessage } from '../helpers/errors.js';

/** What the dialog shows and can do. */
export interface InvitesState {
  invites: Invite[] | undefined;
  /** The invite made in this dialog, shown as link and QR code. */
  current: Invite | undefined;
  error: string | undefined;
  busy: boolean;
  create(maxUses: number, expiresInMs: number): Promise<void>;
  revoke(code: string): Promise<void>;
  show(invite: Invite): void;
  setInviteOnly(on: boolean): Promise<void>;
}

/** Loads the invites once, then keeps them current with every action. */
export function useInvites(serverId: string): InvitesState {
  const api = useChatApi();
  const [invites, setInvites] = useState<Invite[]>();
  const [current, setCurrent] = useState<Invite>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, []);
  const reload = useCallback(async () => {
    setInvites((await api.call('listInvites', { serverId })).invites);
  }, [api, serverId]);
  useEffect(() => void run(reload), [run, reload]);

  return {
    invites,
    current,
    error,
    busy,
    create: (maxUses, expiresInMs) =>
      run(async () => {
        const { invite } = await api.call('createInvite', { serverId, maxUses, expiresInMs });
        setCurrent(invite);
        await reload();
      }),
    revoke: (code) =>
      run(async () => {
        await api.call('revokeInvite', { serverId, code });
        if (current?.code === code) setCurrent(undefined);
        await reload();
      }),
    show: setCurrent,
    setInviteOnly: (on) => run(() => api.call('setInviteOnly', { serverId, inviteOnly: on })),
  };
}
