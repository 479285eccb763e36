/**
 * Files about to be sent (picked, dropped or pasted): each shown (images as a picture), with
 * a caption that goes with the first one, and Send or Cancel. Nothing is sent before Send.
 */
import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../common/Dialog.js';
import { SafeText } from '../common/SafeText.js';
import { neutralise } from '../helpers/bidi.js';
import { formatBytes } from '../helpers/format.js';
import { fileBadge } from './fileKinds.js';

/** Props: the files, where they go, and the two answers. */
export interface UploadPreviewProps {
  files: readonly File[];
  roomTitle: string;
  onSend: (caption: string) => void;
  onCancel: () => void;
}

const PREVIEW_TYPES = /^image\/(png|jpeg|gif|webp|avif)$/;

/** Object URLs for the files that can be previewed, revoked when the dialog goes. */
function usePreviews(files: readonly File[]): (string | undefined)[] {
  const urls = useMemo(
    () => files.map((f) => (PREVIEW_TYPES.test(f.type) ? URL.createObjectURL(f) : undefined)),
    [files],
  );
  useEffect(() => () => urls.forEach((u) => u && URL.revokeObjectURL(u)), [urls]);
  return urls;
}

/** The dialog. */
export function UploadPreview({ files, roomTitle, onSend, onCancel }: UploadPreviewProps) {
  const [caption, setCaption] = useState('');
  const previews = usePreviews(files);
  const title =
    files.length === 1 ? `Send “${neutralise(files[0]!.name)}”` : `Send ${files.length} files`;
  const send = () => onSend(caption.trim());
  return (
    <Dialog title={title} onClose={onCancel} className="upload-dialog">
      <p className="muted">To {roomTitle}</p>
      <ul className="upload-list">
        {files.map((f, i) => (
          <li key={i} className="upload-item">
            {previews[i] ? (
              <img className="upload-thumb" src={previews[i]} alt={neutralise(f.name)} />
            ) : (
              <span className="file-badge" aria-hidden="true">
                {fileBadge(f.name)}
              </span>
            )}
            <span className="file-meta">
              <SafeText className="file-name" text={f.name} title={f.name} />
              <span className="file-size">{formatBytes(f.size)}</span>
            </span>
          </li>
        ))}
      </ul>
      <label className="upload-field">
        Caption
        <textarea
          className="upload-caption"
          rows={2}
          value={caption}
          placeholder="Add a message (optional)"
          autoFocus
          onChange={(e) => setCaption(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={send}>
          Send
        </button>
      </div>
    </Dialog>
  );
}
