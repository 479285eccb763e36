/** The phone layout's menu button: opens the sidebar drawer. */
import type { Ref } from 'react';
import { Icon } from '../common/Icon.js';

/** Props: the drawer it opens, its state and the action. */
export interface MenuButtonProps {
  controls: string;
  expanded: boolean;
  /** Unread messages elsewhere: shown as a dot so they are not missed behind the drawer. */
  unread: boolean;
  onOpen: () => void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** A button shown only on narrow windows (styles hide it elsewhere). */
export function MenuButton({ controls, expanded, unread, onOpen, buttonRef }: MenuButtonProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className="icon-button menu-button"
      aria-label="Open menu"
      aria-controls={controls}
      aria-expanded={expanded}
      onClick={onOpen}
    >
      <Icon name="menu" size={22} />
      {unread && <span className="menu-unread" aria-hidden="true" />}
    </button>
  );
}
