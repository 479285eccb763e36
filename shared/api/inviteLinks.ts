/** The two links of an invite: one a browser opens, one the desktop app opens (with the pin). */
export interface InviteLinks {
  /** `https://<address>:<port>/#/join/<code>`: the web client, name screen with the invite. */
  web: string;
  /** `parley://join?url=<server>&fp=<sha256 hex>&code=<code>`: the desktop app. */
  app: string;
}

/** Builds an invite's links from the server's base URL, its TLS fingerprint (if any) and the code. */
export function inviteLinks(serverUrl: string, code: string, fingerprint?: string): InviteLinks {
  const base = new URL(serverUrl);
  const origin = `${base.protocol}//${base.host}`;
  const params = new URLSearchParams({ url: origin });
  if (fingerprint) params.set('fp', fingerprint);
  params.set('code', code);
  return { web: `${origin}/#/join/${encodeURIComponent(code)}`, app: `parley://join?${params}` };
}

/** The invite code in a page's location hash (`#/join/<code>`), if it has one. */
export function inviteFromHash(hash: string): string | undefined {
  const m = /^#\/join\/([A-Za-z0-9_-]{16,64})$/.exec(hash);
  return m?.[1];
}
