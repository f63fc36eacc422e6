/**
 * Make the sample drafts in seeds/drafts: for each template, compose it with each
 * sample profile of its kind (default preset; every other preset is composed too, as
 * a check), then edit the result the way a drafter would, with the editor's own
 * commands: reword a clause, move a section, add a provision by hand (with a defined
 * term and a placeholder, so the definitions section has to follow). Writes
 * seeds/drafts/<template>-<profile>.ordinance.json.
 *
 *   npx tsx scripts/make-sample-drafts.ts [--root <project root>] [--out <folder>]
 *
 * Output is reproducible: fixed timestamps and a seeded source of fresh ids.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { compose } from '../core/document/compose';
import { definitionsPlugin, definitionsStatus, idPlugin, moveSection, outdentProvision, splitProvision, syncDefinitions } from '../core/document/commands';
import { findById, setIdSource } from '../core/document/ids';
import { unresolvedPlaceholders } from '../core/document/placeholders';
import { newProject, updateProject } from '../core/document/project';
import { schema, type Provenance } from '../core/document/schema';
import type { Library } from '../core/library/library';
import { loadLibrary, PROJECT_ROOT } from '../core/node/library';
import { writeProjectFile } from '../core/node/project-files';
import type { Profile, Template } from '../core/schema';

const CREATED = '2026-11-02T09:00:00.000Z';
const MODIFIED = '2026-11-05T16:30:00.000Z';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Seeded ids ("n-" and 10 base-36 digits) so that the drafts are byte-for-byte reproducible. */
function seededIds(seed: string): () => string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return () => {
    let s = '';
    while (s.length < 10) {
      h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
      s += (h >>> 8).toString(36).slice(-2);
    }
    return `n-${s.slice(0, 10)}`;
  };
}

interface Located {
  id: string;
  node: PMNode;
}

/** Sections from operative clauses (not the general ones such as severability), in order. */
function operativeSections(doc: PMNode, library: Library): Located[] {
  const out: Located[] = [];
  doc.forEach((node) => {
    const prov = node.attrs.prov as Provenance | null;
    const clause = prov ? library.clauseById.get(prov.clause) : undefined;
    if (node.type.name === 'section' && clause && clause.kind === 'section' && clause.topic !== 'general') out.push({ id: node.attrs.id as string, node });
  });
  return out;
}

/** Put the cursor at `offset` in the first paragraph of the node with this id (end when omitted). */
function cursorAt(state: EditorState, id: string, offset?: number): EditorState {
  const f = findById(state.doc, id)!;
  let pos = -1;
  let size = 0;
  f.node.descendants((n, p) => {
    if (pos >= 0) return false;
    if (n.type.name === 'paragraph') {
      pos = f.pos + 1 + p + 1;
      size = n.content.size;
    }
    return pos < 0;
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos + (offset ?? size))));
}

function apply(state: EditorState, cmd: Command, what: string): EditorState {
  let next: EditorState | null = null;
  if (!cmd(state, (tr) => (next = state.apply(tr))) || !next) throw new Error(`drafting step failed: ${what}`);
  return next;
}

/** Reword: the drafter prefers "shall not" to "may not" in the first operative section (or adds a clarifying sentence). */
function reword(state: EditorState, section: Located): { state: EditorState; note: string } {
  let found: { pos: number; len: number } | null = null;
  const start = findById(state.doc, section.id)!.pos;
  section.node.descendants((n, p) => {
    if (found || !n.isText) return !found;
    const i = (n.text ?? '').indexOf('may not');
    if (i >= 0) found = { pos: start + 1 + p + i, len: 'may not'.length };
    return false;
  });
  if (found) {
    const f = found as { pos: number; len: number };
    return { state: state.apply(state.tr.insertText('shall not', f.pos, f.pos + f.len)), note: '"may not" -> "shall not"' };
  }
  const s = cursorAt(state, section.node.child(1).attrs.id as string);
  return { state: s.apply(s.tr.insertText(' This applies to a request made orally or in writing.')), note: 'added a clarifying sentence' };
}

/** Add a provision by hand at the end of a section: split after its last top-level provision, then type. */
function addProvision(state: EditorState, section: Located): EditorState {
  // the end of the text is the end of the last, deepest provision; Enter there, then
  // Shift-Tab until the new provision stands at the top level of the section
  let last = section.node.lastChild!;
  let depth = 0;
  while (last.lastChild && last.lastChild.type.name === 'provision') {
    last = last.lastChild;
    depth++;
  }
  let s = cursorAt(state, last.attrs.id as string);
  s = apply(s, splitProvision(), 'split to add a provision');
  for (let i = 0; i < depth; i++) s = apply(s, outdentProvision(), 'outdent the new provision');
  const term = (text: string, id: string) => schema.text(text, [schema.marks.term!.create({ term: id })]);
  const content = [
    schema.text('Each '),
    term('agency', 'agency'),
    schema.text(' shall post a notice of this section where its '),
    term('employees', 'employee'),
    schema.text(' can read it, and the '),
    schema.nodes.placeholder!.create({ key: 'legal_officer' }),
    schema.text(' shall answer a question about it from an '),
    term('employee', 'employee'),
    schema.text(' within 10 business days.'),
  ];
  const tr = s.tr.replaceWith(s.selection.from, s.selection.from, content);
  return s.apply(tr);
}

/** `k` spreads the edits over different clauses in each template, so the drafts differ in more than their profile. */
function draft(library: Library, template: Template, profile: Profile, k: number): { doc: PMNode; notes: string[] } {
  const plugins = [idPlugin(), definitionsPlugin(library)];
  const { doc } = compose({ template, profile, library });
  let state = EditorState.create({ doc, plugins });
  const notes: string[] = [];
  const ops = operativeSections(state.doc, library);
  if (ops.length < 2) throw new Error(`template "${template.id}" has fewer than two operative sections to edit`);

  const n = ops.length;
  const reworded = ops[(3 * k) % n]!;
  const r = reword(state, reworded);
  state = r.state;
  notes.push(`reworded ${reworded.id}: ${r.note}`);

  const moving = ops[n - 1 - ((2 * k) % (n - 1))]!;
  state = apply(state, moveSection(moving.id, 'up'), `move ${moving.id} up`);
  notes.push(`moved ${moving.id} up`);

  const target = operativeSections(state.doc, library)[(3 * k + 1) % n]!;
  state = addProvision(state, target);
  notes.push(`added a provision by hand to ${target.id}`);

  const sync = syncDefinitions(state, library);
  if (sync.tr) state = state.apply(sync.tr);
  const status = definitionsStatus(state.doc, library);
  if (status.undefinedTerms.length > 0) throw new Error(`undefined terms in ${template.id}: ${status.undefinedTerms.join(', ')}`);
  const missing = unresolvedPlaceholders(state.doc, profile);
  if (missing.length > 0) throw new Error(`profile "${profile.id}" lacks ${missing.join(', ')} for template "${template.id}"`);
  return { doc: state.doc, notes };
}

async function main(): Promise<void> {
  const root = resolve(arg('--root') ?? PROJECT_ROOT);
  const out = resolve(arg('--out') ?? join(root, 'seeds', 'drafts'));
  const library = loadLibrary(root);
  if (library.templates.length === 0) throw new Error(`no templates in ${join(root, 'seeds', 'templates')}`);
  mkdirSync(out, { recursive: true });
  for (const [k, template] of library.templates.entries()) {
    // every preset must compose; the draft uses the default one
    for (const p of template.presets) compose({ template, presetId: p.id, profile: library.profiles[0]!, library });
    const profiles = library.profiles.filter((p) => p.kind === template.kind);
    if (profiles.length === 0) throw new Error(`no sample profile for a ${template.kind} (template "${template.id}")`);
    for (const profile of profiles) {
      const previous = setIdSource(seededIds(`${template.id}/${profile.id}`));
      try {
        const { doc, notes } = draft(library, template, profile, k);
        const project = updateProject(
          newProject({
            doc,
            profile,
            template: template.id,
            preset: template.defaultPreset,
            libraryVersion: library.info.version,
            title: `${profile.name}: ${template.title}`,
            now: CREATED,
          }),
          doc,
          MODIFIED,
        );
        const file = join(out, `${template.id}-${profile.id}.ordinance.json`);
        await writeProjectFile(file, project, { backup: false });
        console.log(`${file}\n  ${notes.join('\n  ')}`);
      } finally {
        setIdSource(previous);
      }
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
