/** "Join a server": an address (and the password when the server has one). */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/protocol/index.js';

/** Props: what to do with the address, and whether it is being added. */
export interface JoinFormProps {
  busy: boolean;
  error?: string;
  onJoin: (address: string, password?: string) => void;
}

/** Address and optional password. */
export function JoinForm({ busy, error, onJoin }: JoinFormProps) {
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (address.trim()) onJoin(address.trim(), password || undefined);
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="join-title">
      <h2 id="join-title">Join a server</h2>
      <p className="muted">Type the address the host shared, such as 192.168.1.20:4747.</p>
      <label>
        Server address
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="192.168.1.20:4747"
          autoComplete="url"
          required
        />
      </label>
      <label>
        <span>
          Password <span className="muted">(if the server has one)</span>
        </span>
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={LIMITS.passwordMax}
          autoComplete="current-password"
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !address.trim()}>
        {busy ? 'Connecting…' : 'Join'}
      </button>
    </form>
  );
}
