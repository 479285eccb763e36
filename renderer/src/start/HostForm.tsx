/** "Host a room": starts the embedded server (desktop only). */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/protocol/index.js';

/** Props: what to do with the filled form, and whether it is running. */
export interface HostFormProps {
  busy: boolean;
  error?: string;
  onHost: (opts: { name: string; port: number; password?: string }) => void;
}

/** Name, port (4747 by default) and an optional password. */
export function HostForm({ busy, error, onHost }: HostFormProps) {
  const [name, setName] = useState('');
  const [port, setPort] = useState('4747');
  const [password, setPassword] = useState('');
  const portNumber = Number(port);
  const portOk = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !portOk) return;
    onHost({ name: name.trim(), port: portNumber, ...(password ? { password } : {}) });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="host-title">
      <h2 id="host-title">Host a room</h2>
      <p className="muted">
        Start a server on this computer. People on your network join with the link.
      </p>
      <label>
        Server name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.roomNameMax}
          placeholder="Team room"
          required
        />
      </label>
      <div className="form-row">
        <label>
          Port
          <input
            value={port}
            onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))}
            inputMode="numeric"
            aria-invalid={!portOk}
            required
          />
        </label>
        <label className="grow">
          <span>
            Password <span className="muted">(optional)</span>
          </span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            maxLength={LIMITS.passwordMax}
            autoComplete="new-password"
          />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim() || !portOk}>
        {busy ? 'Starting…' : 'Host'}
      </button>
    </form>
  );
}
