/** A shared file that is not shown inline: its name, size and a download button. */
import { neutralise } from '../helpers/bidi.js';
import { SafeText } from '../common/SafeText.js';
import type { FileInfo } from '../../../shared/protocol/index.js';
import { formatBytes } from '../helpers/format.js';
import { fileBadge } from './fileKinds.js';
import { Icon } from '../common/Icon.js';

/** Props: the file and how to fetch it. */
export interface FileCardProps {
  file: FileInfo;
  onDownload?: () => void;
}

/** Name and size, with a download button. */
export function FileCard({ file, onDownload }: FileCardProps) {
  return (
    <div className="file-card">
      <span className="file-badge" aria-hidden="true">
        {fileBadge(file.name)}
      </span>
      <span className="file-meta">
        <SafeText className="file-name" text={file.name} title={file.name} />
        <span className="file-size">{formatBytes(file.size)}</span>
      </span>
      {onDownload && (
        <button
          type="button"
          className="icon-button"
          aria-label={`Download ${neutralise(file.name)}`}
          title="Download"
          onClick={onDownload}
        >
          <Icon name="download" />
        </button>
      )}
    </div>
  );
}
