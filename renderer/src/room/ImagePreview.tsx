/** An inline image from a message; a click opens it large. */
import { neutralise } from '../helpers/bidi.js';
import { useState } from 'react';
import type { FileInfo } from '../../../shared/protocol/index.js';
import { FileCard } from './FileCard.js';

/** Props: the file, its URL, and what a click does. */
export interface ImagePreviewProps {
  file: FileInfo;
  src: string;
  onOpen: () => void;
  onDownload?: () => void;
}

/** A fixed-height thumbnail, so the list does not jump while images load. */
export function ImagePreview({ file, src, onOpen, onDownload }: ImagePreviewProps) {
  const [broken, setBroken] = useState(false);
  if (broken) return <FileCard file={file} onDownload={onDownload} />;
  return (
    <button
      type="button"
      className="image-preview"
      aria-label={`Open image ${neutralise(file.name)}`}
      onClick={onOpen}
    >
      <img src={src} alt={neutralise(file.name)} loading="lazy" onError={() => setBroken(true)} />
    </button>
  );
}
