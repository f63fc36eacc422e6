import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: focus is trapped, Escape cancels,
 * the rest of the app is inert while it is open.
 */
export function Modal({
  title,
  children,
  actions,
  onCancel,
  onSubmit,
  wide,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onCancel: () => void;
  onSubmit?: () => void;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'ow-modal ow-modal-wide' : 'ow-modal'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(e) => {
          // never a navigation: the dialog's own handler does the work
          e.preventDefault();
          onSubmit?.();
        }}
      >
        <h2 id={titleId} className="ow-modal-title">
          {title}
        </h2>
        <div className="ow-modal-body">{children}</div>
        <div className="ow-modal-actions">{actions}</div>
      </form>
    </dialog>
  );
}
