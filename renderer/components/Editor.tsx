import { useEffect, useRef } from 'react';
import { EditorView, type NodeViewConstructor } from 'prosemirror-view';
import type { EditorState, Transaction } from 'prosemirror-state';

/**
 * The ProseMirror view. It is created once; the parent swaps documents through the
 * view (viewRef) and hears about every new state through onState. Placeholder chips
 * and cross-reference links update themselves (renderer/editor/inline-views.ts), so
 * the node views never change after mount.
 */
export function Editor({
  initialState,
  onState,
  viewRef,
  nodeViews,
  readOnly,
  zoom,
}: {
  nodeViews: Record<string, NodeViewConstructor>;
  initialState: () => EditorState;
  onState: (state: EditorState, tr: Transaction | null) => void;
  viewRef: React.MutableRefObject<EditorView | null>;
  readOnly: boolean;
  zoom: number;
}) {
  const mount = useRef<HTMLDivElement>(null);
  const onStateRef = useRef(onState);
  useEffect(() => {
    onStateRef.current = onState;
  }, [onState]);
  const initialRef = useRef(initialState);
  const nodeViewsRef = useRef(nodeViews);
  const readOnlyRef = useRef(readOnly);
  useEffect(() => {
    readOnlyRef.current = readOnly;
    const view = viewRef.current;
    // editable is a function prop: a no-op setProps makes the view read it again
    if (view && !view.isDestroyed) view.setProps({});
  }, [readOnly, viewRef]);

  useEffect(() => {
    const el = mount.current;
    if (!el) return;
    const view: EditorView = new EditorView(el, {
      state: initialRef.current(),
      nodeViews: nodeViewsRef.current,
      editable: () => !readOnlyRef.current,
      attributes: {
        class: 'ow-doc',
        spellcheck: 'false',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Ordinance text',
        'aria-describedby': 'ow-editor-help',
        'data-testid': 'editor',
      },
      dispatchTransaction(tr) {
        const next = view.state.apply(tr);
        view.updateState(next);
        onStateRef.current(next, tr);
      },
    });
    viewRef.current = view;
    onStateRef.current(view.state, null);
    return () => {
      view.destroy();
      if (viewRef.current === view) viewRef.current = null;
    };
  }, [viewRef]);

  return (
    <>
      <p id="ow-editor-help" className="ow-visually-hidden">
        Tab and Shift+Tab change a provision’s level. Press F1 for all keyboard shortcuts.
      </p>
      <div ref={mount} className="ow-page" style={{ '--ow-zoom': String(zoom) } as React.CSSProperties} />
    </>
  );
}
