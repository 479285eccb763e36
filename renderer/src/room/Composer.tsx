/**
 * The message box. Enter sends, Shift+Enter breaks the line, Up on an empty box edits the last
 * own message, Esc cancels an edit; "@" opens name completion; files come in through the attach
 * button or a paste.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LIMITS, type User } from '../../../shared/protocol/index.js';
import { EmojiPicker } from '../common/EmojiPicker.js';
import { getDraft, setDraft } from './drafts.js';
import { MentionPopup } from './MentionPopup.js';
import { completeMention, matchUsers, mentionAt, type MentionQuery } from './mentionQuery.js';
import { Icon } from '../common/Icon.js';

/** Props: where the draft lives, who can be mentioned, and what the box can do. */
export interface ComposerProps {
  draftKey: string;
  placeholder: string;
  users: readonly User[];
  editing?: { key: string; text: string };
  error?: string;
  disabled?: boolean;
  /** Resolves false when the message was not accepted. */
  onSend: (text: string) => Promise<boolean>;
  onSaveEdit: (text: string) => void;
  onCancelEdit: () => void;
  onEditLast: () => void;
  onTyping: (text: string) => void;
  onStopTyping: () => void;
  onFiles: (files: File[]) => void;
  onDismissError: () => void;
  /** A mention is being typed: find people by that name the client does not know yet. */
  onMentionQuery?: (query: string) => void;
}

/** The composer with its buttons. */
export function Composer(props: ComposerProps) {
  const { draftKey, editing, users } = props;
  const [text, setText] = useState(() => getDraft(draftKey));
  const [query, setQuery] = useState<MentionQuery>();
  const [active, setActive] = useState(0);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const popupId = useId();
  const editKey = editing?.key;

  // A room that opens (after sign-in, a room switch) is ready for typing. Not on touch screens:
  // there the keyboard would pop up and cover the room one just opened.
  useEffect(() => {
    if (typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches) return;
    box.current?.focus({ preventScroll: true });
  }, []);

  // Entering an edit puts the message in the box; leaving it brings the draft back.
  useEffect(() => {
    if (editKey === undefined) {
      setText(getDraft(draftKey));
      return;
    }
    setText(editing?.text ?? '');
    const el = box.current;
    if (el) {
      el.focus();
      requestAnimationFrame(() => el.setSelectionRange(el.value.length, el.value.length));
    }
    // Only a new edit target resets the box (editing.text is read once, on purpose).
  }, [editKey, draftKey]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [text]);

  const matches = query ? matchUsers(users, query.query) : [];
  const popupOpen = matches.length > 0;
  const tooLong = [...text].length > LIMITS.textMax;

  const update = (next: string, caret: number) => {
    setText(next);
    if (!editing) {
      setDraft(draftKey, next);
      props.onTyping(next);
    }
    const mention = mentionAt(next, caret);
    setQuery(mention);
    if (mention?.query) props.onMentionQuery?.(mention.query);
    setActive(0);
  };

  const complete = (user: User) => {
    const el = box.current;
    if (!el || !query) return;
    const done = completeMention(text, el.selectionStart, query, user.name);
    update(done.text, done.caret);
    setQuery(undefined);
    requestAnimationFrame(() => el.setSelectionRange(done.caret, done.caret));
  };

  const submit = () => {
    const body = text.trim();
    if (tooLong) return;
    if (editing) {
      if (body && body !== editing.text) props.onSaveEdit(body);
      else props.onCancelEdit();
      return;
    }
    if (!body) return;
    setText('');
    setDraft(draftKey, '');
    setQuery(undefined);
    props.onStopTyping();
    // Refused (offline storage full, room left elsewhere): give the text back unless the user
    // has started another message meanwhile.
    void props.onSend(body).then((ok) => {
      if (ok) return;
      setText((current) => (current === '' ? text : current));
      setDraft(draftKey, text);
    });
  };

  const insert = (s: string) => {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + s + text.slice(end);
    update(next, start + s.length);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + s.length, start + s.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (popupOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + matches.length) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        complete(matches[Math.min(active, matches.length - 1)]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setQuery(undefined);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && editing) {
      e.preventDefault();
      e.stopPropagation();
      props.onCancelEdit();
    } else if (e.key === 'ArrowUp' && !editing && text === '' && !e.altKey) {
      e.preventDefault();
      props.onEditLast();
    }
  };

  return (
    <div className={editing ? 'composer editing' : 'composer'}>
      {editing && (
        <div className="composer-note">
          Editing message — <kbd>Enter</kbd> to save, <kbd>Esc</kbd> to cancel
        </div>
      )}
      {props.error && (
        <div className="composer-error" role="alert">
          <span>{props.error}</span>
          <button type="button" className="link-button" onClick={props.onDismissError}>
            Dismiss
          </button>
        </div>
      )}
      {popupOpen && (
        <MentionPopup
          id={popupId}
          users={matches}
          active={Math.min(active, matches.length - 1)}
          onPick={complete}
          onHover={setActive}
        />
      )}
      <div className="composer-box">
        <button
          type="button"
          className="icon-button"
          aria-label="Attach file"
          title="Attach file"
          disabled={props.disabled || !!editing}
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="attach" size={19} />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) props.onFiles(files);
          }}
        />
        <textarea
          ref={box}
          className="composer-input"
          aria-label="Message"
          aria-controls={popupOpen ? popupId : undefined}
          aria-activedescendant={
            popupOpen ? `${popupId}-${Math.min(active, matches.length - 1)}` : undefined
          }
          aria-invalid={tooLong}
          placeholder={props.placeholder}
          rows={1}
          value={text}
          disabled={props.disabled}
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onSelect={(e) =>
            setQuery(mentionAt(e.currentTarget.value, e.currentTarget.selectionStart))
          }
          onKeyDown={onKeyDown}
          onBlur={() => {
            props.onStopTyping();
            setQuery(undefined);
          }}
          onPaste={(e) => {
            const files = [...e.clipboardData.files];
            if (files.length === 0) return;
            e.preventDefault();
            props.onFiles(files);
          }}
        />
        <span className="emoji-anchor">
          <button
            type="button"
            className="icon-button"
            aria-label="Insert emoji"
            title="Emoji"
            onClick={() => setEmojiOpen((v) => !v)}
          >
            <Icon name="smile" size={19} />
          </button>
          {emojiOpen && (
            <EmojiPicker label="Insert emoji" onPick={insert} onClose={() => setEmojiOpen(false)} />
          )}
        </span>
        <button
          type="button"
          className="send-button"
          aria-label={editing ? 'Save edit' : 'Send message'}
          disabled={props.disabled || tooLong || text.trim() === ''}
          onClick={submit}
        >
          <Icon name="send" size={17} />
        </button>
      </div>
      {tooLong && (
        <div className="composer-error" role="alert">
          Messages can be at most {LIMITS.textMax} characters ({[...text].length} now).
        </div>
      )}
    </div>
  );
}
