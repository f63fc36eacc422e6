import { useWindowFileDrop } from '../components/useWindowFileDrop';
import { formatOf } from './import';

/**
 * A .docx, .txt or .md file dropped on the window is imported for review. Only those:
 * a project file (*.ordinance.json) is the shell's (renderer/shell/useFileDrop.ts), and
 * drags that carry no files (text, a clause from the library) are the editor's.
 */
export function useReviewFileDrop(onFile: (file: File) => void, notify: (message: string) => void): void {
  useWindowFileDrop((files, e) => {
    if (files.length === 0) return;
    if (files.some((f) => /\.ordinance\.json$/i.test(f.name))) return;
    const file = files.find((f) => formatOf(f.name) !== null);
    e.preventDefault();
    if (!file) {
      notify(`“${files[0]!.name}” cannot be imported: drop a .docx Word document, a .txt or a .md file to review it, or a .ordinance.json project to open it.`);
      return;
    }
    e.stopPropagation();
    if (files.length > 1) notify(`Importing “${file.name}”; one file is reviewed at a time.`);
    onFile(file);
  });
}
