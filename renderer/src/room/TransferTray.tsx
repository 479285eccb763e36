/** Uploads and downloads of the room, each with a progress bar and cancel. */
import { neutralise } from '../helpers/bidi.js';
import { SafeText } from '../common/SafeText.js';
import type { Transfer } from '../../../shared/api/index.js';
import { ProgressBar } from '../common/ProgressBar.js';
import { formatBytes } from '../helpers/format.js';
import { Icon } from '../common/Icon.js';

/** Props: the transfers to show and the two actions on them. */
export interface TransferTrayProps {
  transfers: readonly Transfer[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}

const VERB = {
  upload: { active: 'Uploading', done: 'Uploaded', failed: 'Upload failed' },
  download: { active: 'Downloading', done: 'Downloaded', failed: 'Download failed' },
} as const;

/** A stack of transfer cards above the composer. */
export function TransferTray({ transfers, onCancel, onDismiss }: TransferTrayProps) {
  if (transfers.length === 0) return null;
  return (
    <ul className="transfers" aria-label="File transfers">
      {transfers.map((t) => {
        const verb = VERB[t.kind];
        return (
          <li key={t.id} className={`transfer transfer-${t.status}`}>
            <span className="transfer-icon" aria-hidden="true">
              <Icon name={t.kind} />
            </span>
            <span className="transfer-main">
              <span className="transfer-head">
                <SafeText className="file-name" text={t.name} title={t.name} />
                <span className="muted transfer-size">
                  {t.status === 'active'
                    ? `${formatBytes(t.loaded)} of ${formatBytes(t.size)}`
                    : t.status === 'failed'
                      ? verb.failed
                      : t.status === 'done'
                        ? verb.done
                        : 'Canceled'}
                </span>
              </span>
              {t.status === 'active' && (
                <ProgressBar
                  label={`${verb.active} ${neutralise(t.name)}`}
                  value={t.loaded}
                  max={t.size}
                />
              )}
              {t.status === 'failed' && t.error && (
                <span className="form-error" role="alert">
                  {t.error}
                </span>
              )}
            </span>
            {t.status === 'active' ? (
              <button
                type="button"
                className="icon-button"
                aria-label={`Cancel ${t.kind} of ${neutralise(t.name)}`}
                title="Cancel"
                onClick={() => onCancel(t.id)}
              >
                <Icon name="close" size={16} />
              </button>
            ) : (
              <button
                type="button"
                className="icon-button"
                aria-label={`Dismiss ${neutralise(t.name)}`}
                title="Dismiss"
                onClick={() => onDismiss(t.id)}
              >
                <Icon name="close" size={16} />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
