/**
 * Finding Parley servers on the LAN (`_parley._tcp` by mDNS/DNS-SD), for the desktop Join screen
 * and `npm run discover`. What a record says is a hint: joining still confirms the certificate.
 * bonjour-service stays behind this function (see electron/server/discovery/advertise.ts).
 */
import { isIPv4 } from 'node:net';
import { Bonjour, type Service } from 'bonjour-service';
import type { DiscoveredServer } from '../../shared/api/index.js';
import { Fingerprint } from '../../shared/protocol/index.js';
import { SERVICE_TYPE } from '../server/discovery/advertise.js';

/** A running browse; stop() ends it and closes its socket. */
export interface Browsing {
  stop(): void;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : undefined;

/** What a record tells, checked: anything malformed is left out rather than trusted. */
export function toDiscovered(service: Service): DiscoveredServer | undefined {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const addresses = service.addresses ?? [];
  // The address the answer came from first, when the record lists it; IPv4 before IPv6.
  const from = service.referer?.address;
  const address =
    (from && addresses.includes(from) ? from : undefined) ??
    addresses.find((a) => isIPv4(a)) ??
    addresses[0] ??
    from;
  if (!address || !Number.isInteger(service.port) || service.port <= 0) return undefined;
  const tls = text(txt.tls) !== '0';
  const fp = Fingerprint.safeParse(text(txt.fp));
  const auth = text(txt.auth);
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    id: service.fqdn ?? `${service.name}.${address}:${service.port}`,
    name: (text(txt.name) ?? service.name).slice(0, 80),
    url: `${tls ? 'https' : 'http'}://${host}:${service.port}`,
    protocol: Number(text(txt.proto) ?? 0),
    access: auth === 'password' || auth === 'invite' ? auth : 'open',
    ...(fp.success ? { fingerprint: fp.data } : {}),
  };
}

/** Browses until stopped; `onChange` gets the full list whenever a server appears or goes. */
export function browseServers(onChange: (servers: DiscoveredServer[]) => void): Browsing {
  const bonjour = new Bonjour({}, () => undefined);
  const found = new Map<string, DiscoveredServer>();
  const report = (): void =>
    onChange([...found.values()].sort((a, b) => a.name.localeCompare(b.name)));
  const browser = bonjour.find({ type: SERVICE_TYPE });
  const up = (s: Service): void => {
    const d = toDiscovered(s);
    if (!d) return;
    found.set(d.id, d);
    report();
  };
  browser.on('up', up);
  browser.on('txt-update', up);
  browser.on('srv-update', up);
  browser.on('down', (s: Service) => {
    for (const [id, d] of found)
      if (id === s.fqdn || d.name === text(s.txt?.name)) found.delete(id);
    report();
  });
  // Ask again now and then: a server that started before us answers a fresh query at once.
  const requery = setInterval(() => browser.update(), 5_000);
  requery.unref();
  return {
    stop() {
      clearInterval(requery);
      browser.stop();
      bonjour.destroy();
    },
  };
}
