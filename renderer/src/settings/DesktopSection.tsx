/**
 * Settings → Desktop (only in the desktop app): launch at login, close to tray, and the folder
 * downloads land in. Main keeps and applies them; the folder is chosen with the system's dialog.
 */
import { useEffect, useState } from 'react';
import type { DesktopSettings } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { errorMessage } from '../helpers/errors.js';

/** The desktop section. */
export function DesktopSection() {
  const api = useChatApi();
  const [settings, setSettings] = useState<DesktopSettings>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api
      .call('getDesktopSettings', {})
      .then(setSettings, (err: unknown) => setError(errorMessage(err)));
  }, [api]);
  const apply = (p: Promise<DesktopSettings>) =>
    p.then(
      (s) => {
        setSettings(s);
        setError(undefined);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  if (!settings)
    return error ? <p className="form-error">{error}</p> : <p className="muted">Loading…</p>;
  return (
    <>
      <label className="check-row">
        <input
          type="checkbox"
          checked={settings.launchAtLogin}
          onChange={(e) =>
            void apply(api.call('setDesktopSettings', { launchAtLogin: e.target.checked }))
          }
        />
        Start Parley when I sign in to this computer
      </label>
      <label className="check-row">
        <input
          type="checkbox"
          checked={settings.closeToTray}
          onChange={(e) =>
            void apply(api.call('setDesktopSettings', { closeToTray: e.target.checked }))
          }
        />
        Keep Parley running in the tray when its window closes (to stay reachable)
      </label>
      <fieldset className="settings-group">
        <legend>Downloads folder</legend>
        <p className="downloads-dir">
          <bdi>{settings.downloadsDir}</bdi>
        </p>
        <div className="form-actions">
          <button
            type="button"
            onClick={() => void apply(api.call('setDesktopSettings', { defaultDownloads: true }))}
          >
            Use Downloads
          </button>
          <button type="button" onClick={() => void apply(api.call('chooseDownloadsFolder', {}))}>
            Choose folder…
          </button>
        </div>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
