/** The reactions under a message: one toggle per emoji, and a button to add another. */
import { useState } from 'react';
import { EmojiPicker, placementFor } from '../common/EmojiPicker.js';
import { Icon } from '../common/Icon.js';

/** Props: the reactions, who is reading, names for tooltips, and the toggle. */
export interface ReactionsProps {
  reactions: Record<string, string[]>;
  meId?: string;
  nameOf: (userId: string) => string;
  onToggle: (emoji: string, on: boolean) => void;
}

/** Reaction chips; pressed when the reader is among the reactors. */
export function Reactions({ reactions, meId, nameOf, onToggle }: ReactionsProps) {
  const [picking, setPicking] = useState<'above' | 'below'>();
  // Object.entries reads own keys only, so emoji such as "constructor" are plain data.
  const list = Object.entries(reactions).filter(([, users]) => users.length > 0);
  if (list.length === 0) return null;
  return (
    <div className="reactions">
      {list.map(([emoji, users]) => {
        const mine = !!meId && users.includes(meId);
        const who = users.map(nameOf).join(', ');
        return (
          <button
            key={emoji}
            type="button"
            className={mine ? 'reaction reaction-mine' : 'reaction'}
            aria-pressed={mine}
            aria-label={`${emoji} ${users.length}, reacted by ${who}`}
            title={who}
            onClick={() => onToggle(emoji, !mine)}
          >
            <span aria-hidden="true">{emoji}</span>
            <span className="reaction-count" aria-hidden="true">
              {users.length}
            </span>
          </button>
        );
      })}
      <span className="reaction-add-wrap">
        <button
          type="button"
          className="reaction reaction-add"
          aria-label="Add reaction"
          onClick={(e) => setPicking(placementFor(e.currentTarget))}
        >
          <Icon name="smile" size={16} />
        </button>
        {picking && (
          <EmojiPicker
            label="Choose a reaction"
            placement={picking}
            onPick={(e) => onToggle(e, true)}
            onClose={() => setPicking(undefined)}
          />
        )}
      </span>
    </div>
  );
}
