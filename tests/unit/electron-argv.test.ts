import { describe, expect, it } from 'vitest';
import { fileUrlToPath, isProjectFileName, projectPathFromArgv } from '../../electron/argv';

describe('electron/argv: which argument is a project, on each platform', () => {
  it('Linux and Windows: the file the OS passes, relative to the working directory', () => {
    expect(projectPathFromArgv(['/opt/Ordwright/ordwright', 'Town.ordinance.json'], '/home/c', 'linux')).toBe('/home/c/Town.ordinance.json');
    expect(projectPathFromArgv(['/opt/Ordwright/ordwright', '/abs/Town.ordinance.json'], '/home/c', 'linux')).toBe('/abs/Town.ordinance.json');
    expect(projectPathFromArgv(['C:\\Program Files\\Ordwright\\Ordwright.exe', 'C:\\Drafts\\Town.ordinance.json'], 'C:\\Users\\c', 'win32')).toBe('C:\\Drafts\\Town.ordinance.json');
    expect(projectPathFromArgv(['C:\\Program Files\\Ordwright\\Ordwright.exe', 'Town.ordinance.json'], 'D:\\Work', 'win32')).toBe('D:\\Work\\Town.ordinance.json');
    expect(projectPathFromArgv(['Ordwright.exe', '\\\\server\\share\\Town.ordinance.json'], 'C:\\', 'win32')).toBe('\\\\server\\share\\Town.ordinance.json');
  });

  it('a second instance’s argv with Chromium’s switches before and after the file', () => {
    const argv = ['C:\\Ordwright\\Ordwright.exe', '--allow-file-access-from-files', '--original-process-start-time=13349', 'C:\\Drafts\\A.ordinance.json', '--flag'];
    expect(projectPathFromArgv(argv, 'C:\\', 'win32')).toBe('C:\\Drafts\\A.ordinance.json');
    expect(projectPathFromArgv(['/opt/o', '--no-sandbox', '--enable-features=X', 'a.ordinance.json'], '/w', 'linux')).toBe('/w/a.ordinance.json');
  });

  it('Linux desktop entries pass file:// URLs (%U), percent-encoded', () => {
    expect(projectPathFromArgv(['/opt/o', 'file:///home/c/Town%20draft.ordinance.json'], '/', 'linux')).toBe('/home/c/Town draft.ordinance.json');
    expect(projectPathFromArgv(['/opt/o', 'file://localhost/home/c/x.ordinance.json'], '/', 'linux')).toBe('/home/c/x.ordinance.json');
    // another machine's file is not ours to open
    expect(projectPathFromArgv(['/opt/o', 'file://nas/share/x.ordinance.json'], '/', 'linux')).toBeNull();
    expect(projectPathFromArgv(['o.exe', 'file:///C:/Drafts/A%20B.ordinance.json'], 'C:\\', 'win32')).toBe('C:\\Drafts\\A B.ordinance.json');
  });

  it('development (electron .), macOS’s -psn_ argument, and anything that is not a project: none', () => {
    expect(projectPathFromArgv(['/usr/bin/electron', '.'], '/repo', 'linux')).toBeNull();
    expect(projectPathFromArgv(['/usr/bin/electron', 'dist-electron/main.cjs'], '/repo', 'linux')).toBeNull();
    expect(projectPathFromArgv(['/Applications/Ordwright.app/Contents/MacOS/Ordwright', '-psn_0_12345'], '/', 'darwin')).toBeNull();
    expect(projectPathFromArgv(['/opt/o', 'notes.json', 'report.docx', '.ordinance.json', ''], '/', 'linux')).toBeNull();
    expect(projectPathFromArgv(['/opt/o'], '/', 'linux')).toBeNull();
    // argv[0] is never a project, even with the extension
    expect(projectPathFromArgv(['/x/a.ordinance.json'], '/', 'linux')).toBeNull();
  });

  it('after "--", an argument that starts with "-" is a file name; the extension in any case', () => {
    expect(projectPathFromArgv(['/opt/o', '--', '-draft.ordinance.json'], '/w', 'linux')).toBe('/w/-draft.ordinance.json');
    expect(projectPathFromArgv(['/opt/o', '-draft.ordinance.json'], '/w', 'linux')).toBeNull();
    expect(projectPathFromArgv(['/opt/o', 'TOWN.ORDINANCE.JSON'], '/w', 'linux')).toBe('/w/TOWN.ORDINANCE.JSON');
    expect(projectPathFromArgv(['/opt/o', 'first.ordinance.json', 'second.ordinance.json'], '/w', 'linux')).toBe('/w/first.ordinance.json');
  });

  it('file URLs: only local files, bad encodings and NULs refused', () => {
    expect(fileUrlToPath('file:///a/b', 'linux')).toBe('/a/b');
    expect(fileUrlToPath('https://example.org/a.ordinance.json', 'linux')).toBe('');
    expect(fileUrlToPath('file:///a/%E0%A4%A', 'linux')).toBe('');
    expect(fileUrlToPath('file:///a/%00.ordinance.json', 'linux')).toBe('');
    expect(fileUrlToPath('not a url', 'linux')).toBe('');
    expect(isProjectFileName('/x/.ordinance.json')).toBe(true); // a hidden file is still a file name
    expect(isProjectFileName('.ordinance.json')).toBe(false);
  });
});
