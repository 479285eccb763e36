/**
 * The Settings dialog: a tab per section (sections.ts), the chosen section's panel beside it.
 * Tabs follow the ARIA tabs pattern: one tab stop, arrow keys move and select.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../common/Dialog.js';
import { SETTINGS_SECTIONS, type SettingsSectionProps } from './sections.js';

/** Props: what the sections need, and how to close. */
export interface SettingsDialogProps extends SettingsSectionProps {
  onClose: () => void;
  /** The section to open on (its id); the first by default. */
  initialSection?: string;
}

/** The dialog. */
export function SettingsDialog({ onClose, initialSection, ...props }: SettingsDialogProps) {
  const sections = SETTINGS_SECTIONS.filter((s) => s.available?.(props) ?? true);
  const [chosen, setChosen] = useState(initialSection ?? sections[0]?.id);
  const current = sections.find((s) => s.id === chosen) ?? sections[0];
  const base = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKey = (e: KeyboardEvent) => {
    const i = sections.findIndex((s) => s.id === current?.id);
    let next: number;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (i + 1) % sections.length;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft')
      next = (i - 1 + sections.length) % sections.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = sections.length - 1;
    else return;
    e.preventDefault();
    setChosen(sections[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <Dialog title="Settings" onClose={onClose} className="settings-dialog">
      <div className="settings-layout">
        <div
          className="settings-tabs"
          role="tablist"
          aria-label="Settings sections"
          aria-orientation="vertical"
          onKeyDown={onKey}
        >
          {sections.map((s, i) => (
            <button
              key={s.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${s.id}`}
              aria-selected={s.id === current?.id}
              aria-controls={`${base}-panel`}
              tabIndex={s.id === current?.id ? 0 : -1}
              className="settings-tab"
              onClick={() => setChosen(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
        {current && (
          <section
            className="settings-panel"
            role="tabpanel"
            id={`${base}-panel`}
            aria-labelledby={`${base}-tab-${current.id}`}
          >
            <h3 className="settings-heading">{current.label}</h3>
            <current.Component {...props} />
          </section>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
