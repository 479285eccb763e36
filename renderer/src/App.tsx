/**
 * Which screen shows: loading, the start screen (desktop), "Your name", or the chat. A browser
 * guest has exactly one server, the page's own, and goes straight to "Your name".
 */
import { useEffect, useState } from 'react';
import { inviteFromHash, type AppState } from '../../shared/api/index.js';
import { useAppState } from './hooks/useAppState.js';
import { MainScreen } from './MainScreen.js';
import { NameScreen } from './start/NameScreen.js';
import { StartScreen } from './start/StartScreen.js';

/** The whole UI. */
export function App() {
  const state = useAppState();
  if (!state?.ready) {
    return (
      <div className="splash" role="status">
        <span className="spinner" aria-hidden="true" /> Loading Parley…
      </div>
    );
  }
  return <Screens state={state} />;
}

function Screens({ state }: { state: AppState }) {
  const [serverId, setServerId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [password, setPassword] = useState<{ serverId: string; value: string }>();
  // While a sign-in is answered the name form stays, so an error lands where it was typed.
  const [signingIn, setSigningIn] = useState(false);
  const guest = !state.capabilities.multiServer;
  // A browser guest who opened an invite link (#/join/<code>) signs in with it, no password.
  const [invite] = useState(() => (guest ? inviteFromHash(window.location.hash) : undefined));
  const usable = state.servers.filter((s) => s.status !== 'signed-out');
  const selected =
    state.servers.find((s) => s.id === serverId) ?? (guest ? state.servers[0] : undefined);

  const signedIn = !!selected?.me;
  useEffect(() => {
    // Used: the code leaves the address bar (and the history), so a reload does not reuse it.
    if (invite && signedIn) history.replaceState(null, '', location.pathname + location.search);
  }, [invite, signedIn]);

  if (guest && !selected) {
    return (
      <div className="splash" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting…
      </div>
    );
  }
  if (selected && (selected.status === 'signed-out' || (signingIn && !selected.me))) {
    return (
      <NameScreen
        key={selected.id}
        server={selected}
        initialPassword={password?.serverId === selected.id ? password.value : undefined}
        invite={invite}
        onBusy={setSigningIn}
        onBack={guest ? undefined : () => setServerId(undefined)}
      />
    );
  }
  const current = selected ?? usable[0];
  if (!guest && (adding || !current)) {
    return (
      <StartScreen
        state={state}
        onPicked={(id, pw) => {
          setServerId(id);
          setPassword(pw ? { serverId: id, value: pw } : undefined);
          setAdding(false);
        }}
        onCancel={usable.length > 0 ? () => setAdding(false) : undefined}
      />
    );
  }
  return (
    <MainScreen
      state={state}
      server={current!}
      onSelectServer={setServerId}
      onAddServer={() => setAdding(true)}
    />
  );
}
