import { networkInterfaces } from 'node:os';

/** URLs others on the network can open, LAN IPv4 first; loopback when there is no network. */
export function lanUrls(port: number, host?: string, scheme: 'http' | 'https' = 'http'): string[] {
  if (host && host !== '0.0.0.0' && host !== '::')
    return [`${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  const urls: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') urls.unshift(`${scheme}://${a.address}:${port}/`);
      else if (host !== '0.0.0.0' && !a.address.startsWith('fe80'))
        urls.push(`${scheme}://[${a.address}]:${port}/`);
    }
  }
  return urls.length ? urls : [`${scheme}://127.0.0.1:${port}/`];
}
