/**
 * "Invite people": a link with a Copy button and a QR code a phone can scan, options for a new
 * invite, the invite-only switch, and the invites still usable, each revocable.
 */
import { useEffect, useState } from 'react';
import { inviteLinks } from '../../../shared/api/index.js';
import type { Invite } from '../../../shared/protocol/index.js';
import { Dialog } from '../common/Dialog.js';
import { QrCode } from './QrCode.js';
import type { InvitesState } from './useInvites.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LIFETIMES = [
  { label: '1 hour', ms: HOUR },
  { label: '1 day', ms: DAY },
  { label: '7 days', ms: 7 * DAY },
  { label: '30 days', ms: 30 * DAY },
];
const USES = [1, 5, 25, 100];

/** Props: where the links point, the invites and the switch. */
export interface InviteDialogProps {
  /** Base URL others reach the server at (a LAN address when this app hosts it). */
  baseUrl: string;
  /** The server's TLS fingerprint, pinned by the desktop app's link when known. */
  fingerprint?: string;
  inviteOnly: boolean;
  invites: InvitesState;
  onClose: () => void;
}

const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The dialog. */
export function InviteDialog({
  baseUrl,
  fingerprint,
  inviteOnly,
  invites,
  onClose,
}: InviteDialogProps) {
  const [uses, setUses] = useState(1);
  const [life, setLife] = useState(7 * DAY);
  const [copied, setCopied] = useState<string>();
  const { current, invites: list, busy, error } = invites;
  // Opening the dialog shows the newest usable invite, or makes a single-use one.
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (started || list === undefined) return;
    setStarted(true);
    if (list[0]) invites.show(list[0]);
    else void invites.create(1, 7 * DAY);
  }, [started, list, invites]);

  const links = current ? inviteLinks(baseUrl, current.code, fingerprint) : undefined;
  const copy = (text: string, what: string) =>
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(what);
      setTimeout(() => setCopied(undefined), 1500);
    });

  return (
    <Dialog title="Invite people" onClose={onClose} className="invite-dialog">
      {links && current ? (
        <div className="invite-current">
          <QrCode text={links.web} label="QR code of the invite link" />
          <div className="invite-link">
            <label>
              Invite link
              <input readOnly value={links.web} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => copy(links.web, 'web')}>
                {copied === 'web' ? 'Copied!' : 'Copy'}
              </button>
            </div>
            <p className="muted small">{usesText(current)}</p>
            <p className="muted small">
              Scan with a phone on the same network, or send the link. The Parley desktop app opens{' '}
              <button type="button" className="link-button" onClick={() => copy(links.app, 'app')}>
                {copied === 'app' ? 'copied!' : 'its own link'}
              </button>
              .
            </p>
          </div>
        </div>
      ) : (
        <p className="muted" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Making an invite…
        </p>
      )}

      <form
        className="invite-new"
        onSubmit={(e) => {
          e.preventDefault();
          void invites.create(uses, life);
        }}
      >
        <label>
          Uses
          <select value={uses} onChange={(e) => setUses(Number(e.target.value))}>
            {USES.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? '1 person' : `${n} people`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires after
          <select value={life} onChange={(e) => setLife(Number(e.target.value))}>
            {LIFETIMES.map((l) => (
              <option key={l.ms} value={l.ms}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          New invite link
        </button>
      </form>

      <label className="check">
        <input
          type="checkbox"
          checked={inviteOnly}
          disabled={busy}
          onChange={(e) => void invites.setInviteOnly(e.target.checked)}
        />
        Invite-only: new people need an invite (or the server password)
      </label>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <section aria-label="Active invites">
        <h3 className="invite-list-title">Active invites</h3>
        {list?.length === 0 && <p className="muted small">None.</p>}
        <ul className="invite-list">
          {list?.map((i) => (
            <li key={i.code} className={i.code === current?.code ? 'current' : undefined}>
              <button
                type="button"
                className="link-button invite-code"
                onClick={() => invites.show(i)}
                aria-label={`Show invite ${i.code.slice(0, 6)}`}
              >
                {i.code.slice(0, 6)}…
              </button>
              <span className="muted small">
                {usesText(i)} · expires {when(i.expiresAt)}
              </span>
              <button
                type="button"
                className="link-button danger"
                onClick={() => void invites.revoke(i.code)}
                aria-label={`Revoke invite ${i.code.slice(0, 6)}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      </section>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

function usesText(i: Invite): string {
  const left = i.maxUses - i.uses;
  return i.maxUses === 1 ? 'Single use' : `${left} of ${i.maxUses} uses left`;
}
