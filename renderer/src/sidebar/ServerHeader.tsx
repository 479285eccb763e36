/** The top of the sidebar: server name, connection state, and hosting details when we host it. */
import { SafeText } from '../common/SafeText.js';
import { useState } from 'react';
import type { HostingView, ServerView } from '../../../shared/api/index.js';
import { Icon } from '../common/Icon.js';
import { STATUS_TEXT } from '../common/StatusDot.js';

/** Props: the server, hosting info and the stop action. */
export interface ServerHeaderProps {
  server: ServerView;
  hosting?: HostingView;
  onStopHosting?: () => void;
  /** On a phone, closes the drawer the header sits in. */
  onClose?: () => void;
  /** Owners and admins: opens "Invite people". */
  onInvite?: () => void;
}

/** Name, "● Online", the invite link for a hosted server, and "Invite people" for staff. */
export function ServerHeader({
  server,
  hosting,
  onStopHosting,
  onClose,
  onInvite,
}: ServerHeaderProps) {
  const [copied, setCopied] = useState(false);
  const invite = hosting?.lanUrls[0];
  return (
    <div className="server-header">
      <div className="server-title">
        <h2 className="server-name" title={server.url}>
          <SafeText text={server.name} />
        </h2>
        {onClose && (
          <button
            type="button"
            className="icon-button"
            aria-label="Close menu"
            title="Close menu"
            onClick={onClose}
          >
            <Icon name="close" size={20} />
          </button>
        )}
      </div>
      <p className={`conn conn-${server.status}`} role="status">
        <span className={`status-dot status-${server.status}`} aria-hidden="true" />
        {STATUS_TEXT[server.status]}
      </p>
      {onInvite && (
        <button type="button" className="invite-people" onClick={onInvite}>
          <Icon name="userPlus" size={15} /> Invite people
        </button>
      )}
      {hosting && (
        <div className="hosting">
          <span className="muted">Hosting{hosting.passwordRequired ? ' · password set' : ''}</span>
          {invite && (
            <button
              type="button"
              className="invite"
              title="Copy the invite link"
              onClick={() =>
                void navigator.clipboard?.writeText(invite).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                })
              }
            >
              {copied ? 'Copied!' : invite}
            </button>
          )}
          {hosting.identity && (
            <p className="identity" title={`SHA-256 ${hosting.identity.fingerprint}`}>
              <span className="muted">Identity: </span>
              <span aria-label="Identity words">{hosting.identity.words.join(' ')}</span>
            </p>
          )}
          {onStopHosting && (
            <button type="button" className="link-button danger" onClick={onStopHosting}>
              Stop hosting
            </button>
          )}
        </div>
      )}
    </div>
  );
}
