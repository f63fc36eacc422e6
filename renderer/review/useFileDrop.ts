import { useEffect, useRef } from 'react';
import { formatOf } from './import';

/**
 * A .docx, .txt or .md file dropped on the window is imported for review. Only those:
 * a project file (*.ordinance.json) is the shell's (renderer/shell/useFileDrop.ts), and
 * drags that carry no files (text, a clause from the library) are the editor's.
 */
export function useReviewFileDrop(onFile: (file: File) => void, notify: (message: string) => void): void {
  const handlers = useRef({ onFile, notify });
  useEffect(() => {
    handlers.current = { onFile, notify };
  });

  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      if (files.some((f) => /\.ordinance\.json$/i.test(f.name))) return;
      const file = files.find((f) => formatOf(f.name) !== null);
      e.preventDefault();
      if (!file) {
        handlers.current.notify(`“${files[0]!.name}” cannot be imported: drop a .docx Word document, a .txt or a .md file to review it, or a .ordinance.json project to open it.`);
        return;
      }
      e.stopPropagation();
      if (files.length > 1) handlers.current.notify(`Importing “${file.name}”; one file is reviewed at a time.`);
      handlers.current.onFile(file);
    };
    window.addEventListener('dragover', onDragOver, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragover', onDragOver, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, []);
}
