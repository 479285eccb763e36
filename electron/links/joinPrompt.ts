/**
 * The join confirmation a `parley://join` link leads to. A link is only an invitation: nothing
 * is joined until the user has seen the server's address (and the fingerprint the link pins)
 * and said yes. The question is built here; main shows it with a native message box.
 */
import type { JoinLink } from './parleyLink.js';

/** A message box, in the shape of Electron's MessageBoxOptions. */
export interface JoinQuestion {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: [string, string];
  defaultId: number;
  cancelId: number;
}

/** The fingerprint in groups of four, easier to compare by eye with what the host shows. */
export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** The confirmation shown for one link ("Join" is button 0; Cancel is the default). */
export function joinQuestion(link: JoinLink): JoinQuestion {
  const lines = [`Address: ${link.url}`];
  if (link.fingerprint)
    lines.push(`Certificate fingerprint (SHA-256): ${groupFingerprint(link.fingerprint)}`);
  else lines.push('The link does not pin a certificate fingerprint.');
  if (link.inviteCode) lines.push('The link carries an invite code.');
  lines.push('Join only if you expected this invitation.');
  return {
    type: 'question',
    title: 'Join a Parley server',
    message: `Join the Parley server at ${new URL(link.url).host}?`,
    detail: lines.join('\n'),
    buttons: ['Join', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

/** Asks, and joins on "Join"; resolves whether the user joined. */
export async function confirmJoin(
  link: JoinLink,
  ask: (question: JoinQuestion) => Promise<{ response: number }>,
  join: (link: JoinLink) => Promise<unknown>,
): Promise<boolean> {
  const { response } = await ask(joinQuestion(link));
  if (response !== 0) return false;
  await join(link);
  return true;
}
