/**
 * npm run export:samples [-- --drafts DIR] [--out DIR] [--no-render] [--only NAME]
 *
 * Exports every sample draft (seeds/drafts/*.ordinance.json) in every mode: clean,
 * annotated, redline, the coverage report, and a clean copy with line numbers, double
 * spacing, A4 paper and a table of contents. Renders each .docx to PDF with LibreOffice
 * and each PDF to PNG pages with pdftoppm, so a person can look at the pages.
 *
 * Output: out/samples/<draft>/<draft>.<mode>.{docx,pdf} and <draft>.<mode>-<page>.png.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { analyze } from '../core/coverage/analyze';
import { lint } from '../core/coverage/lint';
import { parseProject, PROJECT_EXTENSION, type Project } from '../core/document/project';
import { exportDocx } from '../core/export/docx';
import { exportOptions, type ExportOptionsInput } from '../core/export/options';
import { exportReportDocx } from '../core/export/report';
import { loadLibrary, PROJECT_ROOT } from '../core/node/library';

const run = promisify(execFile);

/** A path as printed: relative to the project when inside it. */
function show(path: string): string {
  const rel = relative(PROJECT_ROOT, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

interface Args {
  drafts: string;
  out: string;
  render: boolean;
  only: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { drafts: join(PROJECT_ROOT, 'seeds', 'drafts'), out: join(PROJECT_ROOT, 'out', 'samples'), render: true, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--drafts') args.drafts = resolve(value());
    else if (a === '--out') args.out = resolve(value());
    else if (a === '--only') args.only = value();
    else if (a === '--no-render') args.render = false;
    else throw new Error(`unknown argument "${a}" (expected --drafts DIR, --out DIR, --only NAME, --no-render)`);
  }
  return args;
}

/** The exports made of each draft: file suffix and options on top of the draft's own. */
const MODES: { name: string; options: ExportOptionsInput; report?: true }[] = [
  { name: 'clean', options: { mode: 'clean' } },
  { name: 'annotated', options: { mode: 'annotated' } },
  { name: 'redline', options: { mode: 'redline' } },
  { name: 'report', options: {}, report: true },
  { name: 'clean-a4-double-lines-toc', options: { mode: 'clean', paper: 'a4', spacing: 'double', lineNumbers: 'page', toc: true } },
];

async function have(cmd: string, args: string[]): Promise<boolean> {
  try {
    await run(cmd, args, { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** docx -> pdf with LibreOffice, in a private profile so parallel runs do not clash. */
async function toPdf(docxFiles: string[], outDir: string): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'ordwright-soffice-'));
  try {
    // ExportNotes: Word comments (the annotated export's drafting notes) become PDF annotations, so they show on the pages
    const filter = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}';
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, ...docxFiles], {
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function toPng(pdf: string): Promise<string[]> {
  const prefix = pdf.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-r', '60', '-png', pdf, prefix], { timeout: 5 * 60_000 });
  const dir = resolve(pdf, '..');
  const stem = basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}-`) && /^-\d+\.png$/.test(f.slice(stem.length)))
    .sort((a, b) => Number(a.slice(stem.length + 1, -4)) - Number(b.slice(stem.length + 1, -4)))
    .map((f) => join(dir, f));
}

function loadDraft(path: string, library: ReturnType<typeof loadLibrary>): Project {
  const r = parseProject(readFileSync(path, 'utf8'), { library });
  if (!r.ok) throw new Error(`${show(path)}: ${r.error.message}`);
  for (const w of r.warnings) console.warn(`  warning: ${show(path)}: ${w.path ? `${w.path}: ` : ''}${w.message}`);
  return r.project;
}

/** The date every timestamp of the export carries: the draft's last change, so the same draft gives the same bytes. */
function draftDate(p: Project): string {
  return p.metadata.modifiedAt.slice(0, 10);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.drafts)) {
    console.error(`No drafts folder at ${args.drafts}`);
    return 1;
  }
  const files = readdirSync(args.drafts)
    .filter((f) => f.endsWith(PROJECT_EXTENSION))
    .filter((f) => !args.only || f.startsWith(args.only))
    .sort();
  if (files.length === 0) {
    console.error(`No sample drafts (*${PROJECT_EXTENSION}) in ${args.drafts}`);
    return 1;
  }
  // samples of drafts that no longer exist would mislead: drop the folders this script made for them
  if (!args.only && existsSync(args.out)) {
    const stems = new Set(files.map((f) => f.slice(0, -PROJECT_EXTENSION.length)));
    for (const d of readdirSync(args.out)) {
      if (!stems.has(d) && existsSync(join(args.out, d, `${d}.clean.docx`))) rmSync(join(args.out, d), { recursive: true, force: true });
    }
  }
  const library = loadLibrary();
  let renderable = args.render;
  if (renderable && !(await have('soffice', ['--version']))) {
    console.warn('LibreOffice (soffice) not found: writing .docx only');
    renderable = false;
  }
  if (renderable && !(await have('pdftoppm', ['-v']))) {
    console.warn('pdftoppm (poppler-utils) not found: writing .docx and .pdf only');
  }
  const pngOk = renderable && (await have('pdftoppm', ['-v']));

  let failures = 0;
  const started = performance.now();
  // one LibreOffice process per draft, all at once: each has its own profile
  const jobs = files.map(async (file) => {
    const stem = file.slice(0, -PROJECT_EXTENSION.length);
    const lines: string[] = [`${stem}`];
    try {
      const project = loadDraft(join(args.drafts, file), library);
      const dir = join(args.out, stem);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const base = { ...project.exportOptions, date: draftDate(project) } as ExportOptionsInput;
      exportOptions(base); // a bad option in the draft fails here, naming the option
      const values = project.profile.values as Record<string, string>;
      const profile = { id: project.profile.id, values };
      const written: string[] = [];
      for (const m of MODES) {
        const options = { ...base, ...m.options };
        const t0 = performance.now();
        const bytes = m.report
          ? await exportReportDocx({
              report: analyze(project.doc, library, { kind: project.profile.kind, profile }),
              lint: lint(project.doc, library, { profile }),
              doc: project.doc,
              title: project.metadata.title || stem,
              library,
              values,
              options,
            })
          : await exportDocx({ doc: project.doc, values, library, options });
        const out = join(dir, `${stem}.${m.name}.docx`);
        writeFileSync(out, bytes);
        written.push(out);
        lines.push(`  ${show(out)}  ${(bytes.length / 1024).toFixed(1)} KiB  ${(performance.now() - t0).toFixed(0)} ms`);
      }
      if (renderable) {
        await toPdf(written, dir);
        for (const docx of written) {
          const pdf = docx.replace(/\.docx$/, '.pdf');
          if (!existsSync(pdf)) {
            lines.push(`  LibreOffice made no PDF of ${basename(docx)}`);
            failures++;
            continue;
          }
          const pngs = pngOk ? await toPng(pdf) : [];
          lines.push(
            `  ${show(pdf)}  ${(statSync(pdf).size / 1024).toFixed(1)} KiB` +
              (pngs.length > 0 ? `  ${pngs.length} page${pngs.length > 1 ? 's' : ''}: ${basename(pngs[0]!)} .. ${basename(pngs[pngs.length - 1]!)}` : ''),
          );
        }
      }
    } catch (e) {
      failures++;
      lines.push(`  FAILED: ${(e instanceof Error ? e.message : String(e)).replace(/\n/g, '\n    ')}`);
    }
    console.log(lines.join('\n'));
  });
  await Promise.all(jobs);
  console.log(`${files.length} draft${files.length > 1 ? 's' : ''}, ${MODES.length} exports each, in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${show(args.out)}`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
