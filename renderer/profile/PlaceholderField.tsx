import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { PLACEHOLDERS, isPlaceholderKey } from '../../core/schema';
import { placeholderLabel } from '../editor/inline-views';

/**
 * The inline field a placeholder chip opens: one value of the jurisdiction profile,
 * filled in where the drafter meets it. Enter saves (every chip with the key follows),
 * Escape cancels; either way the cursor goes back to the chip.
 */
export function PlaceholderField({
  placeholderKey,
  anchor,
  value,
  onSave,
  onClose,
  onOpenProfile,
}: {
  placeholderKey: string;
  anchor: HTMLElement;
  value: string;
  onSave: (value: string) => void;
  /** Closed without saving; `refocus`: give the editor the focus back (not when the focus went elsewhere). */
  onClose: (refocus: boolean) => void;
  onOpenProfile: () => void;
}) {
  const [text, setText] = useState(value);
  const ref = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const example = isPlaceholderKey(placeholderKey) ? (/e\.g\.\s*(.*)$/.exec(PLACEHOLDERS[placeholderKey])?.[1] ?? '') : '';

  useLayoutEffect(() => {
    // next to the chip (below it, or above when there is no room), then the caret in the field
    const place = () => {
      const el = ref.current;
      if (!el) return;
      const r = anchor.getBoundingClientRect();
      const left = Math.max(8, Math.min(r.left, window.innerWidth - el.offsetWidth - 8));
      const below = r.bottom + 6;
      const top = below + el.offsetHeight > window.innerHeight - 8 ? Math.max(8, r.top - el.offsetHeight - 6) : below;
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
    };
    place();
    input.current?.focus();
    input.current?.select();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  useEffect(() => {
    // a click elsewhere, or Escape wherever the focus is, closes the field without saving
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onClose(true);
      }
    };
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="ow-popover ow-ph-field"
      role="dialog"
      aria-labelledby={`${id}-label`}
      data-testid="placeholder-field"
      onBlur={(e) => {
        // the focus left the field for another part of the app (a shortcut, Tab): it closes
        const to = e.relatedTarget;
        if (to instanceof Node && !e.currentTarget.contains(to)) onClose(false);
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(text);
        }}
      >
        <label className="ow-field">
          <span id={`${id}-label`}>{placeholderLabel(placeholderKey)}</span>
          <input ref={input} name={placeholderKey} value={text} placeholder={example ? `e.g. ${example}` : ''} onChange={(e) => setText(e.target.value)} />
        </label>
        <p className="ow-hint">Every “{placeholderKey.replace(/_/g, ' ')}” in the ordinance shows this value. It is kept in the jurisdiction profile.</p>
        <div className="ow-popover-actions">
          <button type="button" className="ow-link-btn" onClick={onOpenProfile}>
            All profile values…
          </button>
          <span className="ow-spacer" />
          <button type="button" className="ow-btn ow-btn-small" onClick={() => onClose(true)}>
            Cancel
          </button>
          <button type="submit" className="ow-btn ow-btn-small ow-btn-primary">
            Save
          </button>
        </div>
      </form>
    </div>
  );
}
