import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer table of ARCHITECTURE.md, enforced on every import of every source file:
 *
 * | folder            | may import                                                         |
 * |-------------------|--------------------------------------------------------------------|
 * | core/ (not node/) | core/, platform-free packages                                      |
 * | core/node/        | core/, node: built-ins (and platform-free packages)                |
 * | renderer/         | core/ (not core/node), react, prosemirror-*, the HostApi type      |
 * | electron/         | core/, core/node/, electron, node: built-ins                       |
 * | cli/              | core/, core/node/, node: built-ins                                 |
 *
 * plus: nothing that Node tests load imports electron at run time, so in electron/
 * only main.ts and preload.ts may; the others may only `import type` from it.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Layer = 'core' | 'core/node' | 'renderer' | 'electron' | 'cli';

/** Packages that run anywhere: no DOM, no Node built-ins needed. */
export const PLATFORM_FREE = ['prosemirror-model', 'prosemirror-transform', 'prosemirror-state', 'zod', 'docx', 'yaml', 'jszip', 'mammoth'];

interface Rule {
  layers: Layer[];
  packages: (name: string) => boolean;
  builtins: boolean;
}

const isPlatformFree = (p: string) => PLATFORM_FREE.includes(p);
const RULES: Record<Layer, Rule> = {
  core: { layers: ['core'], packages: isPlatformFree, builtins: false },
  'core/node': { layers: ['core', 'core/node'], packages: isPlatformFree, builtins: true },
  renderer: {
    layers: ['core', 'renderer'],
    packages: (p) => p === 'react' || p === 'react-dom' || p.startsWith('prosemirror-'),
    builtins: false,
  },
  electron: { layers: ['core', 'core/node', 'electron'], packages: (p) => p === 'electron' || isPlatformFree(p), builtins: true },
  cli: { layers: ['core', 'core/node', 'cli'], packages: (p) => isPlatformFree(p) || p === 'tsx', builtins: true },
};

/** Files that are tooling, not part of a layer. */
const TOOLING = new Set(['vite.renderer.config.ts']);
/** electron/ files that may load electron at run time: the thin wiring. */
const ELECTRON_RUNTIME = new Set(['electron/main.ts', 'electron/preload.ts']);

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function layerOf(relPath: string): Layer | null {
  const p = relPath.split(sep).join('/');
  if (p.startsWith('core/node/')) return 'core/node';
  if (p.startsWith('core/')) return 'core';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('electron/')) return 'electron';
  if (p.startsWith('cli/')) return 'cli';
  return null;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export interface ImportRef {
  spec: string;
  typeOnly: boolean;
  line: number;
}

/** Every module a file refers to: static imports and re-exports, import(), require(). */
export function importsOf(file: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const clause = n.importClause;
      // `import type {...}`, or `import { type A, type B }` (erased entirely)
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      out.push({ spec: n.moduleSpecifier.text, typeOnly: allTypes, line: line(n) });
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      out.push({ spec: n.moduleSpecifier.text, typeOnly: n.isTypeOnly, line: line(n) });
    } else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]!)) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        out.push({ spec: (n.arguments[0] as ts.StringLiteral).text, typeOnly: false, line: line(n) });
      }
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      out.push({ spec: n.argument.literal.text, typeOnly: true, line: line(n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Why an import breaks the table, or null when it is allowed. */
export function violation(fromRel: string, ref: ImportRef): string | null {
  const layer = layerOf(fromRel);
  if (!layer) return null;
  const rule = RULES[layer];
  const spec = ref.spec;
  if (spec.startsWith('.')) {
    const target = relative(repo, resolve(repo, dirname(fromRel), spec));
    if (/\.css$/.test(spec)) return layer === 'renderer' ? null : `${layer} may not import a stylesheet`;
    const targetLayer = layerOf(target);
    if (!targetLayer) return `imports ${target}, which is outside every layer`;
    if (!rule.layers.includes(targetLayer)) return `${layer} may not import ${targetLayer} (${target})`;
    return null;
  }
  if (BUILTINS.has(spec)) return rule.builtins ? null : `${layer} may not use the Node built-in "${spec}"`;
  const pkg = packageName(spec);
  if (layer === 'renderer' && /\.css$/.test(spec) && pkg.startsWith('prosemirror-')) return null;
  if (pkg === 'electron') {
    if (layer !== 'electron') return `${layer} may not import electron`;
    if (!ref.typeOnly && !ELECTRON_RUNTIME.has(fromRel.split(sep).join('/'))) {
      return `only electron/main.ts and electron/preload.ts may load electron at run time (use "import type" here, so Node tests can load this file)`;
    }
    return null;
  }
  // a type-only import of a package erases at build time; the table is about run time
  if (ref.typeOnly && layer !== 'core') return null;
  return rule.packages(pkg) ? null : `${layer} may not import the package "${pkg}"`;
}

function violationsIn(files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const rel = relative(repo, file);
    if (TOOLING.has(rel.split(sep).join('/'))) continue;
    for (const ref of importsOf(file, readFileSync(file, 'utf8'))) {
      const why = violation(rel, ref);
      if (why) problems.push(`${rel}:${ref.line}: import "${ref.spec}": ${why}`);
    }
  }
  return problems;
}

describe('the layer table (ARCHITECTURE.md)', () => {
  const files = ['core', 'renderer', 'electron', 'cli'].flatMap((d) => sourceFiles(join(repo, d)));

  it('finds the source files it checks', () => {
    expect(files.some((f) => f.endsWith(join('electron', 'main.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('renderer', 'App.tsx')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('core', 'host.ts')))).toBe(true);
  });

  it('no file imports across the table', () => {
    expect(violationsIn(files)).toEqual([]);
  });

  it('the preload imports nothing but electron and the channel names (it is bundled for a sandbox)', () => {
    const refs = importsOf('electron/preload.ts', readFileSync(join(repo, 'electron/preload.ts'), 'utf8')).map((r) => r.spec);
    expect(refs.sort()).toEqual(['../core/host-channels', 'electron']);
  });

  // the checker itself: each rule catches what it is there to catch
  it.each([
    ['core/document/x.ts', { spec: 'node:fs', typeOnly: false, line: 1 }, /Node built-in/],
    ['core/document/x.ts', { spec: 'fs', typeOnly: false, line: 1 }, /Node built-in/],
    ['core/document/x.ts', { spec: '../node/library', typeOnly: false, line: 1 }, /core may not import core\/node/],
    ['core/document/x.ts', { spec: 'react', typeOnly: false, line: 1 }, /package "react"/],
    ['core/document/x.ts', { spec: 'prosemirror-view', typeOnly: false, line: 1 }, /package "prosemirror-view"/],
    ['core/document/x.ts', { spec: '../../electron/ipc', typeOnly: false, line: 1 }, /core may not import electron/],
    ['renderer/x.ts', { spec: '../core/node/library', typeOnly: false, line: 1 }, /renderer may not import core\/node/],
    ['renderer/x.ts', { spec: '../electron/ipc', typeOnly: true, line: 1 }, /renderer may not import electron/],
    ['renderer/x.ts', { spec: 'electron', typeOnly: false, line: 1 }, /renderer may not import electron/],
    ['renderer/x.ts', { spec: 'node:path', typeOnly: false, line: 1 }, /Node built-in/],
    ['renderer/x.ts', { spec: 'zod', typeOnly: false, line: 1 }, /package "zod"/],
    ['electron/files.ts', { spec: 'electron', typeOnly: false, line: 1 }, /only electron\/main.ts/],
    ['electron/x.ts', { spec: '../renderer/App', typeOnly: false, line: 1 }, /electron may not import renderer/],
    ['cli/x.ts', { spec: '../renderer/App', typeOnly: false, line: 1 }, /cli may not import renderer/],
    ['cli/x.ts', { spec: 'electron', typeOnly: false, line: 1 }, /cli may not import electron/],
    ['core/node/x.ts', { spec: '../../electron/files', typeOnly: false, line: 1 }, /core\/node may not import electron/],
  ])('%s importing %j is refused', (from, ref, why) => {
    expect(violation(from, ref)).toMatch(why);
  });

  it.each([
    ['core/document/x.ts', '../schema', false],
    ['core/node/x.ts', 'node:fs/promises', false],
    ['core/node/x.ts', '../document/project', false],
    ['renderer/x.tsx', '../core/host', false],
    ['renderer/x.tsx', 'react-dom/client', false],
    ['renderer/x.tsx', 'prosemirror-view/style/prosemirror.css', false],
    ['renderer/x.tsx', './styles.css', false],
    ['electron/files.ts', 'electron', true],
    ['electron/main.ts', 'electron', false],
    ['electron/files.ts', '../core/node/project-files', false],
    ['cli/x.ts', '../core/node/library', false],
  ])('%s importing %s is allowed', (from, spec, typeOnly) => {
    expect(violation(from, { spec, typeOnly, line: 1 })).toBeNull();
  });

  it('reads type-only imports, re-exports, dynamic imports and requires', () => {
    const refs = importsOf(
      'x.ts',
      `import type { A } from 'a';\nimport { type B } from 'b';\nimport { type C, D } from 'c';\nexport * from 'd';\nconst e = await import('e');\nconst f = require('f');\ntype G = import('g').G;`,
    );
    expect(refs.map((r) => [r.spec, r.typeOnly])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
      ['e', false],
      ['f', false],
      ['g', true],
    ]);
  });
});
