import JSZip from 'jszip';

/**
 * Rewrite a .docx package so the same project always gives the same bytes: every zip
 * entry and the core properties carry the export date instead of the clock time, and
 * entries are written in a fixed order.
 */
export async function normalizeZip(bytes: Uint8Array, isoDate: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const date = new Date(`${isoDate}T12:00:00Z`);
  const stamp = `${isoDate}T12:00:00Z`;
  const out = new JSZip();
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  // [Content_Types].xml first, as Word expects; the rest in a stable order
  names.sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    let data: Uint8Array | string = await zip.files[name]!.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = new TextDecoder()
        .decode(data)
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
    }
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
