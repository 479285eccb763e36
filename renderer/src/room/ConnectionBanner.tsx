/** A banner while the server is not reachable, so nobody wonders why messages wait. */
import type { ServerView } from '../../../shared/api/index.js';

/** Shown while connecting or offline, and whenever the connection is not encrypted. */
export function ConnectionBanner({ server }: { server: ServerView }) {
  return (
    <>
      {!server.encrypted && (
        <div className="banner banner-insecure" role="note">
          Not encrypted: people on this network can read this conversation ({server.url}).
        </div>
      )}
      <ConnectionState server={server} />
    </>
  );
}

function ConnectionState({ server }: { server: ServerView }) {
  if (server.status === 'connecting') {
    return (
      <div className="banner banner-connecting" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting…
      </div>
    );
  }
  if (server.status === 'offline') {
    return (
      <div className="banner banner-offline" role="status">
        Offline — messages will be sent when you&apos;re back
      </div>
    );
  }
  return null;
}
