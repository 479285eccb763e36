/** A small emoji grid for reactions and the composer; Esc or a click elsewhere closes it. */
import { useEffect, useRef } from 'react';

/** The emoji on offer: the ones people actually react with. */
export const EMOJI = [
  '👍',
  '👎',
  '😀',
  '😂',
  '😍',
  '🤔',
  '😮',
  '😢',
  '🎉',
  '❤️',
  '🔥',
  '👀',
  '🙏',
  '👏',
  '✅',
  '❌',
  '🚀',
  '💯',
  '🙌',
  '😅',
  '😎',
  '🤝',
  '☕',
  '🐛',
];

/** Props: what to do with a pick, and how to close. */
export interface EmojiPickerProps {
  label: string;
  onPick: (emoji: string) => void;
  onClose: () => void;
  /** Where it opens relative to its anchor. */
  placement?: 'above' | 'below';
}

/** Opens toward the roomier side of the window, so the list's scroll box does not clip it. */
export function placementFor(trigger: Element): 'above' | 'below' {
  return trigger.getBoundingClientRect().top > window.innerHeight / 2 ? 'above' : 'below';
}

/** A popover grid of emoji buttons. */
export function EmojiPicker({ label, onPick, onClose, placement = 'above' }: EmojiPickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown, true);
    };
  }, [onClose]);
  return (
    <div
      ref={ref}
      className={`emoji-picker emoji-picker-${placement}`}
      role="group"
      aria-label={label}
    >
      {EMOJI.map((e) => (
        <button
          key={e}
          type="button"
          className="emoji-choice"
          aria-label={e}
          onClick={() => {
            onPick(e);
            onClose();
          }}
        >
          {e}
        </button>
      ))}
    </div>
  );
}
