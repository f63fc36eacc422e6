import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepTempFiles } from '../../core/node/atomic-write';
import { readProjectFile } from '../../core/node/project-files';
import { createRecoveryStore } from '../../core/node/recovery';
import { sampleProjectText } from '../contract/sample-project';

/**
 * A real process, really killed (SIGKILL: no handler, no clean-up) between writing its
 * temporary file and renaming it over the target. What survives is the previous
 * version, whole; the leftover temporary file is recognised and removed afterwards.
 */

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runUntilReadyThenKill(args: string[]): Promise<{ pid: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'tests/contract/kill-writer.ts'), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!out.includes('READY')) reject(new Error(`the writer exited (${code}) before it was ready:\n${err}`));
      else resolve({ pid: child.pid!, signal });
    });
  });
}

describe('a writer killed between write and rename', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-kill-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recovery copy: the older copy survives whole; the next start removes the leftover and lists it', async () => {
    const r = await runUntilReadyThenKill(['recovery', dir]);
    expect(r.signal).toBe('SIGKILL');
    const names = await readdir(dir);
    expect(names).toContain('w1.json');
    expect(names.filter((n) => n.endsWith('.tmp'))).toHaveLength(1); // what the kill left behind
    const store = createRecoveryStore({ dir });
    const { items, damaged } = await store.list();
    expect(damaged).toEqual([]);
    expect(items.map((i) => i.text)).toEqual([sampleProjectText('first')]);
    expect((await store.tidy()).temps).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['w1.json']);
  }, 30_000);

  it('project save: the saved file (and its .bak) survive whole; the leftover goes with the next save', async () => {
    const file = join(dir, 'Town.ordinance.json');
    await runUntilReadyThenKill(['project', file]);
    const { project } = await readProjectFile(file);
    expect(project.doc.lastChild!.lastChild!.textContent).toBe('second');
    // the backup is refreshed first, so it already holds the version the third save would have replaced
    const bak = await readProjectFile(`${file}.bak`);
    expect(bak.project.doc.lastChild!.lastChild!.textContent).toBe('second');
    const names = await readdir(dir);
    const leftovers = names.filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(join(dir, leftovers[0]!), 'utf8')).toBe(sampleProjectText('third'));
    // only a dead writer's files are removed
    expect(await sweepTempFiles(dir, { target: 'Town.ordinance.json', alive: () => true })).toEqual([]);
    expect(await sweepTempFiles(dir, { target: 'Town.ordinance.json' })).toEqual(leftovers);
    expect((await readdir(dir)).sort()).toEqual(['Town.ordinance.json', 'Town.ordinance.json.bak']);
  }, 30_000);
});
