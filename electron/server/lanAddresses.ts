import { networkInterfaces } from 'node:os';

/** URLs others on the network can open, LAN IPv4 first; loopback when there is no network. */
export function lanUrls(port: number, host?: string): string[] {
  if (host && host !== '0.0.0.0' && host !== '::')
    return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  const urls: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') urls.unshift(`http://${a.address}:${port}/`);
      else if (host !== '0.0.0.0' && !a.address.startsWith('fe80'))
        urls.push(`http://[${a.address}]:${port}/`);
    }
  }
  return urls.length ? urls : [`http://127.0.0.1:${port}/`];
}
