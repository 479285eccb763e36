/** Settings → Profile: picture (picked, cropped, uploaded), status with emoji, do-not-disturb. */
import { useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { Avatar } from '../common/Avatar.js';
import { errorMessage } from '../helpers/errors.js';
import { PictureCropper } from './PictureCropper.js';
import type { SettingsSectionProps } from './sections.js';

/** The profile section. */
export function ProfileSection({ server }: SettingsSectionProps) {
  const api = useChatApi();
  const me = server.me;
  const picker = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<File>();
  const [statusText, setStatusText] = useState(me?.statusText ?? '');
  const [statusEmoji, setStatusEmoji] = useState(me?.statusEmoji ?? '');
  const [note, setNote] = useState<{ error: boolean; text: string }>();
  if (!me) return <p className="muted">Sign in to edit your profile.</p>;
  const serverId = server.id;
  const run = (p: Promise<unknown>, done: string) =>
    p.then(
      () => setNote({ error: false, text: done }),
      (err: unknown) => setNote({ error: true, text: errorMessage(err) }),
    );

  const saveStatus = (e: FormEvent) => {
    e.preventDefault();
    void run(
      api.call('updateProfile', { serverId, statusText, statusEmoji }),
      statusText || statusEmoji ? 'Status saved.' : 'Status cleared.',
    );
  };

  return (
    <>
      <fieldset className="settings-group">
        <legend>Picture</legend>
        {picked ? (
          <PictureCropper
            file={picked}
            onCancel={() => setPicked(undefined)}
            onSave={async ({ bytes, type }) => {
              await api.call('setAvatarImage', { serverId, image: bytes, type });
              setPicked(undefined);
              setNote({ error: false, text: 'Picture saved.' });
            }}
          />
        ) : (
          <div className="picture-row">
            <Avatar name={me.name} avatar={me.avatar} image={me.avatarImage} size={64} />
            <button type="button" onClick={() => picker.current?.click()}>
              Choose picture…
            </button>
            {me.avatarImage && (
              <button
                type="button"
                onClick={() =>
                  void run(
                    api.call('updateProfile', { serverId, avatarImage: null }),
                    'Picture removed.',
                  )
                }
              >
                Remove picture
              </button>
            )}
            <input
              ref={picker}
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="Picture file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) setPicked(file);
              }}
            />
          </div>
        )}
      </fieldset>
      <form className="settings-group" onSubmit={saveStatus}>
        <fieldset>
          <legend>Status</legend>
          <div className="status-row">
            <label className="status-emoji">
              Emoji
              <input
                value={statusEmoji}
                onChange={(e) => setStatusEmoji(e.target.value)}
                maxLength={LIMITS.emojiMax}
                placeholder="🙂"
              />
            </label>
            <label className="grow">
              Status
              <input
                value={statusText}
                onChange={(e) => setStatusText(e.target.value)}
                maxLength={LIMITS.statusTextMax}
                placeholder="What are you up to?"
              />
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
              Save status
            </button>
          </div>
        </fieldset>
      </form>
      <label className="check-row">
        <input
          type="checkbox"
          checked={me.dnd === true}
          onChange={(e) =>
            void run(
              api.call('updateProfile', { serverId, dnd: e.target.checked }),
              e.target.checked ? 'Do not disturb is on.' : 'Do not disturb is off.',
            )
          }
        />
        Do not disturb (no notifications on any device; others see it on your profile)
      </label>
      {note && (
        <p className={note.error ? 'form-error' : 'muted'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </>
  );
}
