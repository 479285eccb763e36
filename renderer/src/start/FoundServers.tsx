/** Parley servers found on the network (mDNS), live; picking one still checks its identity. */
import type { DiscoveredServer } from '../../../shared/api/index.js';

/** Props: what was found, and what to do with a pick. */
export interface FoundServersProps {
  servers: DiscoveredServer[];
  busy: boolean;
  onPick: (url: string) => void;
}

const ACCESS: Record<DiscoveredServer['access'], string> = {
  open: 'open',
  password: 'password needed',
  invite: 'invite needed',
};

/** A list of buttons, one per server found; nothing while none is. */
export function FoundServers({ servers, busy, onPick }: FoundServersProps) {
  return (
    <section className="found" aria-labelledby="found-title">
      <h3 id="found-title">On your network</h3>
      {servers.length === 0 ? (
        <p className="muted fine-print">Looking for Parley servers…</p>
      ) : (
        <ul>
          {servers.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                disabled={busy}
                aria-label={`Join ${s.name} at ${new URL(s.url).host}`}
                onClick={() => onPick(s.url)}
              >
                <strong>{s.name}</strong>
                <span className="muted fine-print">
                  {new URL(s.url).host} · {ACCESS[s.access]}
                  {s.url.startsWith('http:') ? ' · not encrypted' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
