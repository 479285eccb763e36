/**
 * Settings → Your name: protect it with a personal password (so it survives sign-out and works
 * on any device), or make a one-time sign-in code.
 */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { errorMessage } from '../helpers/errors.js';
import type { SettingsSectionProps } from './sections.js';

/** The account section. */
export function AccountSection({ server }: SettingsSectionProps) {
  const api = useChatApi();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [code, setCode] = useState<string>();
  const [note, setNote] = useState<{ error: boolean; text: string }>();
  const name = server.me?.name ?? '';

  const protect = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) {
      setNote({ error: true, text: 'The two passwords differ.' });
      return;
    }
    try {
      await api.call('protectName', { serverId: server.id, password });
      setPassword('');
      setRepeat('');
      setNote({ error: false, text: `${name} is protected.` });
    } catch (err) {
      setNote({ error: true, text: errorMessage(err) });
    }
  };

  return (
    <>
      <p>
        {server.protected ? (
          <>
            Your name <strong>{name}</strong> is protected: sign in with it and your personal
            password on any device, also after signing out.
          </>
        ) : (
          <>
            Your name <strong>{name}</strong> is not protected yet: it lives only on this device,
            and signing out loses it.
          </>
        )}
      </p>
      <form className="settings-group" onSubmit={protect}>
        <fieldset>
          <legend>{server.protected ? 'Change personal password' : 'Personal password'}</legend>
          <label>
            Personal password
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              minLength={LIMITS.personalPasswordMin}
              maxLength={LIMITS.passwordMax}
              autoComplete="new-password"
              required
            />
          </label>
          <label>
            Repeat it
            <input
              type="password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              minLength={LIMITS.personalPasswordMin}
              maxLength={LIMITS.passwordMax}
              autoComplete="new-password"
              required
            />
          </label>
          <p className="muted">At least {LIMITS.personalPasswordMin} characters.</p>
          <div className="form-actions">
            <button type="submit" className="primary">
              Protect my name
            </button>
          </div>
        </fieldset>
      </form>
      <div className="settings-group">
        <h4>Sign-in code</h4>
        <p className="muted">
          A code that signs you in once, for example on your phone. It is shown only now.
        </p>
        {code && (
          <p className="sign-in-code">
            <output aria-label="Your sign-in code">{code}</output>
          </p>
        )}
        <button
          type="button"
          onClick={() =>
            api.call('makeSignInCode', { serverId: server.id }).then(
              (r) => setCode(r.code),
              (err: unknown) => setNote({ error: true, text: errorMessage(err) }),
            )
          }
        >
          Make a sign-in code
        </button>
      </div>
      {note && (
        <p className={note.error ? 'form-error' : 'muted'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </>
  );
}
