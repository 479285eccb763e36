/**
 * "Sign out?": with a protected name, a plain confirmation; without one, a warning that the name
 * is lost for good, and a way to protect it first.
 */
import { Dialog } from '../common/Dialog.js';

/** Props: the server and the name, whether it is protected, and the answers. */
export interface SignOutDialogProps {
  serverName: string;
  name: string;
  isProtected: boolean;
  onSignOut: () => void;
  onProtect: () => void;
  onClose: () => void;
}

/** Cancel is focused first, so Enter alone never signs anyone out. */
export function SignOutDialog({
  serverName,
  name,
  isProtected,
  onSignOut,
  onProtect,
  onClose,
}: SignOutDialogProps) {
  return (
    <Dialog title={`Sign out of ${serverName}?`} onClose={onClose}>
      {isProtected ? (
        <p>
          Your name <strong>{name}</strong> is protected. Sign in again on any device with it and
          your personal password.
        </p>
      ) : (
        <>
          <p className="sign-out-warning" role="alert">
            Your name <strong>{name}</strong> is not protected. If you sign out, you lose it for
            good: nobody, you included, can sign in as {name} again.
          </p>
          <p className="muted">
            Protect it with a personal password to sign in again from any device.
          </p>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        {!isProtected && (
          <button type="button" onClick={onProtect}>
            Protect my name
          </button>
        )}
        <button
          type="button"
          className="primary danger"
          onClick={() => {
            onSignOut();
            onClose();
          }}
        >
          Sign out
        </button>
      </div>
    </Dialog>
  );
}
