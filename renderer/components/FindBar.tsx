import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { currentMatchIndex, findKey, findStep, replaceAll, replaceCurrent, setFindQuery } from '../editor/find-plugin';
import type { EditorStateStore } from '../editor/state-store';
import { IconClose } from './icons';

/**
 * Find (Mod-F) and find and replace (Mod-H) in the ordinance's text. Matches are
 * highlighted in the editor; Enter steps to the next, Shift+Enter to the previous.
 * Replace all is one edit: one undo brings every match back.
 */
/** "count:index" of the find state: a primitive, so the bar re-renders only when it changes. */
function matchInfo(state: EditorState | null): string {
  const fs = state ? findKey.getState(state) : undefined;
  const count = fs && fs.query ? fs.matches.length : 0;
  return `${count}:${state && count ? currentMatchIndex(state) : 0}`;
}

export function FindBar({
  viewRef,
  store,
  initialQuery,
  replace,
  focusToken,
  onReplaceToggle,
  onClose,
  notify,
  readOnly,
}: {
  viewRef: React.RefObject<EditorView | null>;
  /** The editor's latest state, for the match count (it changes as the drafter types). */
  store: EditorStateStore;
  /** The selected text when the bar opened (a word or phrase), to search for at once. */
  initialQuery: string;
  /** Show the replace row. */
  replace: boolean;
  /** Changes whenever Mod-F or Mod-H is pressed again, to focus the right field. */
  focusToken: number;
  onReplaceToggle: (on: boolean) => void;
  onClose: () => void;
  notify: (message: string) => void;
  readOnly: boolean;
}) {
  const [query, setQuery] = useState(initialQuery);
  const [replacement, setReplacement] = useState('');
  const info = useSyncExternalStore(store.subscribe, () => matchInfo(store.current));
  const [count, index] = info.split(':').map(Number) as [number, number];
  const findInput = useRef<HTMLInputElement>(null);
  const replaceInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const view = viewRef.current;
    if (view && query) setFindQuery(view, query);
    // only on mount: later changes go through onChange
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const el = replace && query ? replaceInput.current : findInput.current;
    el?.focus();
    el?.select();
    // focus follows the shortcut that was pressed, not every keystroke
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusToken, replace]);

  useEffect(() => {
    // the editor view lives as long as the app; clear the highlights when the bar closes
    const view = viewRef.current;
    return () => {
      if (view && !view.isDestroyed) setFindQuery(view, '');
    };
  }, [viewRef]);


  const step = (dir: 1 | -1) => {
    const view = viewRef.current;
    if (!view) return;
    const tr = findStep(view.state, dir);
    if (tr) view.dispatch(tr);
  };

  const doReplace = () => {
    const view = viewRef.current;
    if (!view || !count || readOnly) return;
    const tr = replaceCurrent(view.state, replacement);
    if (tr) view.dispatch(tr);
  };

  const doReplaceAll = () => {
    const view = viewRef.current;
    if (!view || !count || readOnly) return;
    const r = replaceAll(view.state, replacement);
    if (!r) return;
    view.dispatch(r.tr);
    notify(`Replaced ${r.count} ${r.count === 1 ? 'match' : 'matches'} of “${query}”.`);
  };

  const close = () => {
    onClose();
    viewRef.current?.focus();
  };

  const onKeys = (e: React.KeyboardEvent, enter: () => void) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      enter();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="ow-findbar" role="search" aria-label="Find and replace">
      <div className="ow-findbar-row">
        <button
          type="button"
          className="ow-icon-btn ow-findbar-toggle"
          aria-expanded={replace}
          aria-label={replace ? 'Hide replace' : 'Show replace'}
          title={replace ? 'Hide replace' : 'Replace…'}
          onClick={() => onReplaceToggle(!replace)}
        >
          <span aria-hidden="true">{replace ? '▾' : '▸'}</span>
        </button>
        <input
          ref={findInput}
          type="search"
          placeholder="Find in ordinance"
          aria-label="Find in ordinance"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            const view = viewRef.current;
            if (view) setFindQuery(view, e.target.value);
                  }}
          onKeyDown={(e) => onKeys(e, () => step(e.shiftKey ? -1 : 1))}
        />
        <span className="ow-findbar-count" aria-live="polite" data-testid="find-count">
          {query ? (count ? `${index || '–'} of ${count}` : 'No matches') : ''}
        </span>
        <button type="button" className="ow-btn ow-btn-small" disabled={!count} onClick={() => step(-1)}>
          Previous
        </button>
        <button type="button" className="ow-btn ow-btn-small" disabled={!count} onClick={() => step(1)}>
          Next
        </button>
        <span className="ow-spacer" />
        <button type="button" className="ow-icon-btn" aria-label="Close find" onClick={close}>
          <IconClose />
        </button>
      </div>
      {replace ? (
        <div className="ow-findbar-row">
          <span className="ow-findbar-indent" />
          <input
            ref={replaceInput}
            type="text"
            placeholder="Replace with"
            aria-label="Replace with"
            value={replacement}
            disabled={readOnly}
            onChange={(e) => setReplacement(e.target.value)}
            onKeyDown={(e) => onKeys(e, e.ctrlKey || e.metaKey ? doReplaceAll : doReplace)}
          />
          <button type="button" className="ow-btn ow-btn-small" disabled={!count || readOnly} onClick={doReplace}>
            Replace
          </button>
          <button type="button" className="ow-btn ow-btn-small" disabled={!count || readOnly} onClick={doReplaceAll}>
            Replace all
          </button>
        </div>
      ) : null}
    </div>
  );
}
