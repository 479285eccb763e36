/** One message row: optional day/new-messages separators, then the message itself. */
import { neutralise } from '../helpers/bidi.js';
import { memo, useState } from 'react';
import type { User } from '../../../shared/protocol/index.js';
import { Avatar } from '../common/Avatar.js';
import { EmojiPicker, placementFor } from '../common/EmojiPicker.js';
import { Markdown } from '../markdown/Markdown.js';
import { formatFull, formatTime } from '../helpers/format.js';
import { FileCard } from './FileCard.js';
import { ImagePreview } from './ImagePreview.js';
import { isPreviewable } from './fileKinds.js';
import type { MessageActions } from './messageActions.js';
import { OutboxStatus } from './OutboxStatus.js';
import { Reactions } from './Reactions.js';
import type { MessageRow } from './rows.js';
import { Icon } from '../common/Icon.js';
import { usePeople } from '../profile/PeopleContext.js';

/** Props: the row, who wrote it, who reads it, and the room's actions. */
export interface MessageItemProps {
  row: MessageRow;
  author?: User;
  me?: User;
  /** Every user name, for @mention highlighting. */
  names: readonly string[];
  editing: boolean;
  actions: MessageActions;
}

function MessageItemView({ row, author, me, names, editing, actions }: MessageItemProps) {
  const { message: m, grouped } = row;
  // The toolbar exists only for the row under the pointer or focus: rows stay small in the DOM.
  const [active, setActive] = useState(false);
  const [picking, setPicking] = useState<'above' | 'below'>();
  const people = usePeople();
  const mine = !!me && m.authorId === me.id;
  const name = neutralise(author?.name ?? 'Unknown user');
  const sent = m.status === 'sent';
  const classes = ['msg'];
  if (grouped) classes.push('msg-grouped');
  if (editing) classes.push('msg-editing');
  if (m.status !== 'sent') classes.push(`msg-${m.status}`);
  return (
    <div className="msg-row">
      {row.day && (
        <div className="day-sep" role="separator" aria-label={row.day}>
          <span>{row.day}</span>
        </div>
      )}
      {row.newLine && (
        <div className="new-line" role="separator" aria-label="New messages">
          <span>New messages</span>
        </div>
      )}
      <article
        className={classes.join(' ')}
        aria-label={`${name}, ${formatTime(m.ts)}`}
        tabIndex={0}
        onMouseEnter={() => setActive(true)}
        onMouseLeave={() => setActive(false)}
        onFocus={() => setActive(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(false);
        }}
      >
        <div className="msg-gutter">
          {grouped ? (
            <time className="msg-side-time" dateTime={new Date(m.ts).toISOString()}>
              {formatTime(m.ts)}
            </time>
          ) : (
            <Avatar name={name} avatar={author?.avatar} image={author?.avatarImage} />
          )}
        </div>
        <div className="msg-main">
          {!grouped && (
            <div className="msg-head">
              {author ? (
                <button
                  type="button"
                  className="msg-author link-button"
                  onClick={() => people.showProfile(author.id)}
                  aria-label={`${name}: show profile`}
                >
                  <bdi>{name}</bdi>
                </button>
              ) : (
                <span className="msg-author">{name}</span>
              )}
              {author?.statusEmoji && (
                <span className="msg-author-status" title={author.statusText ?? ''}>
                  {author.statusEmoji}
                </span>
              )}
              <time dateTime={new Date(m.ts).toISOString()} title={formatFull(m.ts)}>
                {formatTime(m.ts)}
              </time>
            </div>
          )}
          {m.deleted ? (
            <p className="msg-deleted">This message was deleted.</p>
          ) : (
            m.text && (
              <Markdown
                text={m.text}
                names={names}
                me={me?.name}
                suffix={
                  m.editedAt !== undefined ? (
                    <span className="msg-edited" title={formatFull(m.editedAt)}>
                      (edited)
                    </span>
                  ) : undefined
                }
              />
            )
          )}
          {m.file &&
            !m.deleted &&
            (isPreviewable(m.file) && sent ? (
              <ImagePreview
                file={m.file}
                src={actions.fileSrc(m.file)}
                onOpen={() => actions.openImage(m.file!)}
                onDownload={() => actions.download(m.file!)}
              />
            ) : (
              <FileCard
                file={m.file}
                onDownload={sent ? () => actions.download(m.file!) : undefined}
              />
            ))}
          {sent && (
            <Reactions
              reactions={m.reactions}
              meId={me?.id}
              nameOf={actions.nameOf}
              onToggle={(emoji, on) => actions.react(m, emoji, on)}
            />
          )}
          {m.status !== 'sent' && (
            <OutboxStatus
              status={m.status}
              error={m.error}
              onRetry={() => actions.retry(m)}
              onDiscard={() => actions.discard(m)}
            />
          )}
        </div>
        {(active || picking) && sent && !m.deleted && (
          <div className="msg-actions" role="toolbar" aria-label="Message actions">
            <button
              type="button"
              className="icon-button"
              aria-label="Add reaction"
              title="Add reaction"
              onClick={(e) => setPicking(placementFor(e.currentTarget))}
            >
              <Icon name="smile" size={16} />
            </button>
            {mine && (
              <>
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Edit message"
                  title="Edit"
                  onClick={() => actions.startEdit(m)}
                >
                  <Icon name="edit" size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label="Delete message"
                  title="Delete"
                  onClick={() => actions.remove(m)}
                >
                  <Icon name="trash" size={16} />
                </button>
              </>
            )}
            {picking && (
              <EmojiPicker
                label="Choose a reaction"
                placement={picking}
                onPick={(e) => actions.react(m, e, true)}
                onClose={() => setPicking(undefined)}
              />
            )}
          </div>
        )}
      </article>
    </div>
  );
}

/** A message row; re-renders only when its own data changes. */
export const MessageItem = memo(MessageItemView);
