/** An image shown large in a dialog; Esc or a click outside closes it. */
import type { FileInfo } from '../../../shared/protocol/index.js';
import { Dialog } from '../common/Dialog.js';
import { formatBytes } from '../helpers/format.js';

/** Props: the image and how to close or download it. */
export interface ImageDialogProps {
  file: FileInfo;
  src: string;
  onClose: () => void;
  onDownload: () => void;
}

/** The enlarged image. */
export function ImageDialog({ file, src, onClose, onDownload }: ImageDialogProps) {
  return (
    <Dialog title={file.name} onClose={onClose} className="image-dialog">
      <img className="image-full" src={src} alt={file.name} />
      <div className="dialog-actions">
        <span className="muted">{formatBytes(file.size)}</span>
        <button type="button" onClick={onDownload}>
          Download
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
