/**
 * Announcing a running server on the LAN by mDNS/DNS-SD as `_parley._tcp`, so the desktop Join
 * screen and `npm run discover` find it. The record is a hint, never trust: a joining app still
 * confirms the certificate fingerprint (an mDNS answer is not authenticated).
 *
 * The library (bonjour-service: TypeScript, pure JavaScript over multicast-dns, no native
 * module, publishes with name probing and withdraws with goodbye packets) stays behind this
 * small interface, so it can be swapped.
 */
import { hostname } from 'node:os';
import { Bonjour } from 'bonjour-service';
import type { Logger } from '../../../shared/log.js';

/** DNS-SD service type (without the leading underscore and protocol). */
export const SERVICE_TYPE = 'parley';

/** What a record tells about a server (its TXT keys: name, proto, tls, fp, auth). */
export interface Advertisement {
  name: string;
  port: number;
  protocol: number;
  /** Certificate fingerprint (64 hex); absent with TLS off. */
  fingerprint?: string;
  /** What a new name needs to join. */
  access: 'open' | 'password' | 'invite';
}

/** A published record; stop() withdraws it (goodbye packet) and closes the socket. */
export interface Advertiser {
  stop(): Promise<void>;
}

/** TXT record of an advertisement (all values are strings on the wire). */
export function txtRecord(ad: Advertisement): Record<string, string> {
  return {
    name: ad.name,
    proto: String(ad.protocol),
    tls: ad.fingerprint ? '1' : '0',
    ...(ad.fingerprint ? { fp: ad.fingerprint } : {}),
    auth: ad.access,
  };
}

/** Publishes the server; errors (no multicast on this network) are logged, never thrown. */
export function advertise(ad: Advertisement, log: Logger): Advertiser {
  const bonjour = new Bonjour({}, (err: unknown) => log.warn('mDNS error', err));
  // Instance names must be unique on the network: two hosts may pick the same room name.
  const instance = `${ad.name} (${hostname()}:${ad.port})`.slice(0, 63);
  const service = bonjour.publish({
    name: instance,
    type: SERVICE_TYPE,
    port: ad.port,
    txt: txtRecord(ad),
  });
  service.on('error', (err: unknown) => log.warn('mDNS advertisement failed', err));
  log.info(`advertising "${instance}" as _${SERVICE_TYPE}._tcp`);
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        const done = (): void => bonjour.destroy(() => resolve());
        // Bounded: a goodbye that cannot be sent must not hold the shutdown.
        const timer = setTimeout(done, 1000);
        bonjour.unpublishAll(() => {
          clearTimeout(timer);
          done();
        });
      })),
  };
}
