import { describe, expect, it } from 'vitest';
import { loadLibrary, readLibrarySources } from '../../core/node/library';
import { buildLibrary } from '../../core/library/library';
import { DataError } from '../../core/library/parse';

describe('clause library and checklist', () => {
  it('loads: every file parses, passes its schema, and every reference resolves', () => {
    let lib;
    try {
      lib = loadLibrary();
    } catch (e) {
      if (e instanceof DataError) throw new Error(`library problems:\n${e.message}`, { cause: e });
      throw e;
    }
    expect(lib.routes.length).toBeGreaterThan(0);
    expect(lib.clauses.length).toBeGreaterThan(0);
  });

  it('a broken clause file fails with the file name, the field and the reason', () => {
    const src = readLibrarySources();
    const broken = src.clauses.map((f) =>
      f.path.endsWith('fusion-center-participation.yaml') ? { ...f, text: f.text.replace('kind: section', 'kind: sectoin') } : f,
    );
    try {
      buildLibrary({ ...src, clauses: broken });
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      const issue = (e as DataError).issues.find((i) => i.file.endsWith('fusion-center-participation.yaml'));
      expect(issue?.field).toBe('kind');
      expect(issue?.message).toMatch(/section/);
    }
  });

  it('invalid YAML names the line', () => {
    const src = readLibrarySources();
    const broken = [...src.clauses, { path: 'clauses/x/bad.yaml', text: 'id: [unclosed\n' }];
    expect(() => buildLibrary({ ...src, clauses: broken })).toThrow(/clauses\/x\/bad\.yaml at line \d+/);
  });
});
