import { useEffect, useRef } from 'react';

/**
 * Files dragged onto the window, caught before the editor sees them. During dragover
 * only the types are visible, not the names, so any file drag is accepted there; at the
 * drop, `onDrop` decides: it calls preventDefault/stopPropagation on the event for the
 * files it takes, and lets the others pass (to the editor, or to another listener).
 * The latest `onDrop` is used, so callers need not memoise it.
 */
export function useWindowFileDrop(onDrop: (files: File[], e: DragEvent) => void): void {
  const handler = useRef(onDrop);
  useEffect(() => {
    handler.current = onDrop;
  });

  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => handler.current([...(e.dataTransfer?.files ?? [])], e);
    window.addEventListener('dragover', over, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragover', over, true);
      window.removeEventListener('drop', drop, true);
    };
  }, []);
}
