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
  onClose: () => void;
  onOpenProfile: () => void;
}) {
  const [text, setText] = useState(value);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const example = isPlaceholderKey(placeholderKey) ? (/e\.g\.\s*(.*)$/.exec(PLACEHOLDERS[placeholderKey])?.[1] ?? '') : '';

  useLayoutEffect(() => {
    const place = () => {
      const r = anchor.getBoundingClientRect();
      const w = ref.current?.offsetWidth ?? 320;
      const h = ref.current?.offsetHeight ?? 120;
      const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
      const below = r.bottom + 6;
      setPos({ left, top: below + h > window.innerHeight - 8 ? Math.max(8, r.top - h - 6) : below });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  useEffect(() => {
    // a click elsewhere closes the field without saving
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown, true);
    return () => document.removeEventListener('mousedown', onDown, true);
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="ow-popover ow-ph-field"
      role="dialog"
      aria-labelledby={`${id}-label`}
      data-testid="placeholder-field"
      style={pos ? { left: pos.left, top: pos.top } : { visibility: 'hidden' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
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
          <input autoFocus name={placeholderKey} value={text} placeholder={example ? `e.g. ${example}` : ''} onChange={(e) => setText(e.target.value)} onFocus={(e) => e.target.select()} />
        </label>
        <p className="ow-hint">Every “{placeholderKey.replace(/_/g, ' ')}” in the ordinance shows this value. It is kept in the jurisdiction profile.</p>
        <div className="ow-popover-actions">
          <button type="button" className="ow-link-btn" onClick={onOpenProfile}>
            All profile values…
          </button>
          <span className="ow-spacer" />
          <button type="button" className="ow-btn ow-btn-small" onClick={onClose}>
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
