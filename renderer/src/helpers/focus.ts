/** Where keyboard focus goes when what held it goes away. */

/** Puts focus in the open room's message box (after sign-in, a room switch, a closed dialog). */
export function focusComposer(): boolean {
  const box = document.querySelector<HTMLTextAreaElement>('textarea.composer-input');
  if (!box || box.disabled) return false;
  box.focus({ preventScroll: true });
  return true;
}

/** Gives focus back to `opener` if it is still on the page, else to the message box. */
export function restoreFocus(opener: Element | null): void {
  if (
    opener instanceof HTMLElement &&
    opener !== document.body &&
    opener.isConnected &&
    !opener.closest('[inert]') &&
    opener.getClientRects().length > 0
  ) {
    opener.focus({ preventScroll: true });
    return;
  }
  focusComposer();
}
