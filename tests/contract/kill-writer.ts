/**
 * A child process for tests/unit/recovery-kill.test.ts: it writes a first version
 * normally, then starts writing a second one and, between the write and the rename,
 * prints READY and waits, so the test can kill it (SIGKILL) at exactly that moment.
 *
 *   node --import tsx tests/contract/kill-writer.ts recovery <dir>
 *   node --import tsx tests/contract/kill-writer.ts project <file>
 */
import { parseProject } from '../../core/document/project';
import { createRecoveryStore } from '../../core/node/recovery';
import { nodeFs, writeProjectFile, type ProjectFs } from '../../core/node/project-files';
import { realFs, type StoreFs } from '../../core/node/store-fs';
import { sampleProjectText } from './sample-project';

const [mode, target] = process.argv.slice(2);
const hang = (): Promise<never> => {
  process.stdout.write('READY\n');
  return new Promise<never>(() => setInterval(() => undefined, 1000));
};

async function main(): Promise<void> {
  if (mode === 'recovery') {
    await createRecoveryStore({ dir: target! }).write({ id: 'w1', text: sampleProjectText('first'), path: null, name: 'Untitled' });
    const fs: StoreFs = { ...realFs, rename: () => hang() };
    await createRecoveryStore({ dir: target!, fs }).write({ id: 'w1', text: sampleProjectText('second'), path: null, name: 'Untitled' });
  } else if (mode === 'project') {
    const project = (m: string) => {
      const r = parseProject(sampleProjectText(m));
      if (!r.ok) throw r.error;
      return r.project;
    };
    await writeProjectFile(target!, project('first'));
    await writeProjectFile(target!, project('second'));
    // the third save dies just before its temporary file replaces the project
    const fs: ProjectFs = { ...nodeFs, rename: (from, to) => (to === target ? hang() : nodeFs.rename(from, to)) };
    await writeProjectFile(target!, project('third'), { fs });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
