import { describe, expect, it } from 'vitest';
import { parseProject } from '../../core/document/project';

describe('project files: hostile input', () => {
  it('a document nested thousands deep is refused, not a stack overflow', () => {
    const deep = '{"format":"ordwright-project","formatVersion":1,"doc":' + '{"type":"doc","content":['.repeat(6000) + ']}'.repeat(6000) + '}';
    const r = parseProject(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nests more than 500 levels deep/);
  });
  it('a huge name in the file does not become a huge message', () => {
    const r = parseProject(JSON.stringify({ format: 'ordwright-project', formatVersion: 1, metadata: {}, doc: { type: 'x'.repeat(5_000_000) } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeLessThan(2000);
  });
});
