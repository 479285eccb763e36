/**
 * "Your name": the last step before chatting on a server (a browser guest starts here). Asks for
 * the password too when the server has one, or once it refused a sign-in for lack of one; not
 * when the person came with an invite link (unless the server refused the invite).
 */
import { useState, type FormEvent } from 'react';
import type { ServerView } from '../../../shared/api/index.js';
import { LIMITS } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { Avatar } from '../common/Avatar.js';
import { AVATAR_COLORS, colorForName } from '../helpers/avatarColors.js';
import { errorCode, errorMessage } from '../helpers/errors.js';
import { Brand } from './Brand.js';

/** Props: the server, a password typed earlier, and the way back (desktop). */
export interface NameScreenProps {
  server: ServerView;
  initialPassword?: string;
  /** An invite code from the link the person opened: no password asked. */
  invite?: string;
  onBack?: () => void;
  /** True while a sign-in runs, so the app keeps this screen up until it is answered. */
  onBusy: (busy: boolean) => void;
}

/** The sign-in form. */
export function NameScreen({ server, initialPassword, invite, onBack, onBusy }: NameScreenProps) {
  const api = useChatApi();
  const [name, setName] = useState('');
  const [password, setPassword] = useState(initialPassword ?? '');
  const [color, setColor] = useState<string>();
  // "This name is mine": sign in with the personal password (or a code) that protects it.
  const [returning, setReturning] = useState(false);
  const [userPassword, setUserPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code?: string; message: string }>();
  const shown = error ?? server.error;
  const knownNeed = !!initialPassword || !!server.info?.passwordRequired;
  // Once the server asked for a password the field stays, whatever the next error is.
  const [refused, setRefused] = useState(false);
  if (shown?.code === 'bad_password' && !refused) setRefused(true);
  // A refused invite (used up, expired…) leaves the password as the way in, if there is one.
  const [inviteRefused, setInviteRefused] = useState(false);
  if (shown?.code?.startsWith('invite_') && invite && !inviteRefused) setInviteRefused(true);
  const usingInvite = invite !== undefined && !inviteRefused;
  const needsPassword = !usingInvite && (knownNeed || refused);
  const avatarColor = color ?? colorForName(name || 'guest');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    onBusy(true);
    setError(undefined);
    try {
      await api.call(
        'signIn',
        returning
          ? { serverId: server.id, name: trimmed, userPassword }
          : {
              serverId: server.id,
              name: trimmed,
              avatar: { color: avatarColor },
              ...(usingInvite ? { invite } : password ? { password } : {}),
            },
      );
    } catch (err) {
      setError({ code: errorCode(err), message: errorMessage(err) });
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };

  return (
    <div className="start">
      <Brand />
      <form className="card form name-form" onSubmit={submit} aria-labelledby="name-title">
        <h2 id="name-title">
          {usingInvite ? `You're invited to ${server.name}` : `Join ${server.name}`}
        </h2>
        <p className="muted">Pick the name others will see. No account needed.</p>
        <div className="name-row">
          <Avatar name={name || '?'} avatar={{ color: avatarColor }} size={44} />
          <label className="grow">
            Your name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={LIMITS.nameMax}
              autoComplete="nickname"
              autoFocus
              required
            />
          </label>
        </div>
        <label className="check-row">
          <input
            type="checkbox"
            checked={returning}
            onChange={(e) => setReturning(e.target.checked)}
          />
          I protected this name (sign in with my personal password)
        </label>
        {returning && (
          <label>
            Personal password or sign-in code
            <input
              type="password"
              value={userPassword}
              onChange={(e) => setUserPassword(e.target.value)}
              maxLength={LIMITS.passwordMax}
              autoComplete="current-password"
              autoFocus
              required
            />
          </label>
        )}
        {!returning && (
          <fieldset className="swatches">
            <legend>Colour</legend>
            {AVATAR_COLORS.map((c) => (
              <label key={c} className="swatch" style={{ background: c }}>
                <input
                  type="radio"
                  name="avatar-color"
                  value={c}
                  checked={avatarColor === c}
                  onChange={() => setColor(c)}
                  aria-label={`Colour ${c}`}
                />
              </label>
            ))}
          </fieldset>
        )}
        {needsPassword && !returning && (
          <label>
            Server password
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={LIMITS.passwordMax}
              autoComplete="current-password"
              // Appearing after a refusal, it is what the person has to fill in next.
              autoFocus={!knownNeed}
              required
            />
          </label>
        )}
        {shown && (
          <p className="form-error" role="alert">
            {shown.message}
          </p>
        )}
        <div className="form-actions">
          {onBack && (
            <button type="button" onClick={onBack}>
              Back
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {busy ? 'Joining…' : returning ? 'Sign in' : 'Join'}
          </button>
        </div>
      </form>
    </div>
  );
}
