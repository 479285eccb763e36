/**
 * A modal dialog on the native <dialog> element: the browser traps focus, puts it on top and
 * turns Esc into a cancel, which closes it through `onClose`. When it closes, focus goes back to
 * what had it before (the opener), or to the message box when that is gone.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { restoreFocus } from '../helpers/focus.js';

/** Props: a title (its accessible name), content and how to close. */
export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Hide the visible title (it still names the dialog). */
  hideTitle?: boolean;
}

/** A modal that is open while mounted. */
export function Dialog({ title, onClose, children, className, hideTitle }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  // Read during the first render: by the time effects run, autoFocus has moved focus inside.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      // After React has finished this commit (the opener may be re-rendered or replaced).
      queueMicrotask(() => restoreFocus(opener));
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-body">
        <h2 id={titleId} className={hideTitle ? 'visually-hidden' : 'dialog-title'}>
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
