/** A labelled progress bar (role=progressbar with its values, so assistive tech can read it). */

/** Props: an accessible name and how far along. */
export interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
}

/** A thin bar; an unknown total (max 0) shows as full once started. */
export function ProgressBar({ label, value, max }: ProgressBarProps) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : value > 0 ? 100 : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.max(max, 1)}
      aria-valuenow={Math.min(value, Math.max(max, 1))}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
