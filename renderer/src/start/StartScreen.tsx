/** The desktop start screen: host a room, join a server, or reopen a recent one. */
import { useState } from 'react';
import type { AppState, IdentityToConfirm } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { errorMessage } from '../helpers/errors.js';
import { Brand } from './Brand.js';
import { HostForm } from './HostForm.js';
import { FoundServers } from './FoundServers.js';
import { IdentityCheck } from './IdentityCheck.js';
import { JoinForm } from './JoinForm.js';
import { RecentServers } from './RecentServers.js';

/** Props: the state and where to go next. */
export interface StartScreenProps {
  state: AppState;
  /** A server was hosted, added or picked; `password` when one was typed for it. */
  onPicked: (serverId: string, password?: string) => void;
  /** Back to the chat (when some server is usable). */
  onCancel?: () => void;
}

/** Host, join, recent servers. */
export function StartScreen({ state, onPicked, onCancel }: StartScreenProps) {
  const api = useChatApi();
  const [busy, setBusy] = useState<'host' | 'join'>();
  const [hostError, setHostError] = useState<string>();
  const [joinError, setJoinError] = useState<string>();
  // A first join of an https server waits here until the user compared the words.
  const [toConfirm, setToConfirm] = useState<{ identity: IdentityToConfirm; password?: string }>();
  const { capabilities } = state;

  const host = async (opts: { name: string; port: number; password?: string }) => {
    setBusy('host');
    setHostError(undefined);
    try {
      const { serverId } = await api.call('host', opts);
      onPicked(serverId, opts.password);
    } catch (err) {
      setHostError(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  };
  const join = async (address: string, password?: string, fingerprint?: string) => {
    setBusy('join');
    setJoinError(undefined);
    try {
      const joined = await api.call('join', {
        url: address,
        ...(fingerprint ? { fingerprint } : {}),
      });
      if (joined.confirm) setToConfirm({ identity: joined.confirm, password });
      else {
        setToConfirm(undefined);
        onPicked(joined.serverId, password);
      }
    } catch (err) {
      setJoinError(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  };

  if (toConfirm)
    return (
      <div className="start">
        <Brand />
        <div className="start-grid">
          <IdentityCheck
            identity={toConfirm.identity}
            busy={busy === 'join'}
            error={joinError}
            onConfirm={() =>
              void join(toConfirm.identity.url, toConfirm.password, toConfirm.identity.fingerprint)
            }
            onCancel={() => {
              setToConfirm(undefined);
              setJoinError(undefined);
            }}
          />
        </div>
      </div>
    );

  return (
    <div className="start">
      <Brand />
      <p className="start-tagline muted">Chat for your team, on your own network.</p>
      <div className="start-grid">
        {capabilities.host && !state.hosting && (
          <HostForm busy={busy === 'host'} error={hostError} onHost={host} />
        )}
        {capabilities.multiServer && (
          <div className="join-column">
            <JoinForm busy={busy === 'join'} error={joinError} onJoin={join} />
            {state.discovered && (
              <FoundServers
                servers={state.discovered}
                busy={busy === 'join'}
                onPick={(url) => void join(url)}
              />
            )}
          </div>
        )}
      </div>
      <RecentServers
        servers={state.servers}
        onOpen={(id) => onPicked(id)}
        onRemove={(id) => void api.call('removeServer', { serverId: id }).catch(() => undefined)}
      />
      {onCancel && (
        <button type="button" className="link-button" onClick={onCancel}>
          ← Back to chat
        </button>
      )}
    </div>
  );
}
