import { useEffect, useRef, type JSX, type ReactNode } from 'react';

/** Props of the confirmation dialog. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
  /** The confirm button is off (an acknowledgement is still missing). */
  readonly confirmDisabled?: boolean;
}

/**
 * A modal confirmation (the native <dialog>: focus stays inside, Escape cancels). Focus
 * starts on Cancel, so an Enter pressed out of habit does not start a manual override.
 * Mount it only while it is open.
 */
export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      data-testid="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      {props.children}
      <div className="row">
        <button
          ref={cancelRef}
          type="button"
          className="btn"
          data-testid="btn-cancel"
          onClick={props.onCancel}
        >
          Cancel
        </button>
        <button
          type="button"
          className="btn danger"
          data-testid="btn-confirm"
          disabled={props.confirmDisabled === true}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
