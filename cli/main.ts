import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../core/library/parse';
import { PROJECT_ROOT } from '../core/node/library';
import { closest, helpText, type CommandSpec } from './args';
import { CliError, EXIT, processIo, type Io } from './io';

/**
 * `ordwright`: everything the app does to files, as a command, for machines without a
 * display, for batches of model bills and for CI. It never opens a network connection.
 */

interface Command {
  spec: CommandSpec;
  run(argv: string[], io: Io): Promise<number>;
}

// Loaded on use: a command pulls in only what it needs (export does not load the importer).
const COMMANDS: Record<string, () => Promise<Command>> = {
  compose: () => import('./commands/compose'),
  check: () => import('./commands/check'),
  export: () => import('./commands/export'),
  import: () => import('./commands/import'),
  batch: () => import('./commands/batch'),
  library: () => import('./commands/library'),
};
const NAMES = Object.keys(COMMANDS);

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function mainHelp(): Promise<string> {
  const specs = await Promise.all(NAMES.map(async (n) => (await COMMANDS[n]!()).spec));
  const w = Math.max(...NAMES.map((n) => n.length));
  return [
    'ordwright: draft and check ordinances that close the data side doors to immigration enforcement',
    '',
    'Usage: ordwright COMMAND [options]',
    '',
    'Commands:',
    ...specs.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Run "ordwright COMMAND --help" for the options of a command.',
    '',
    'Exit status: 0 success; 1 "check" found routes not closed; 2 bad input (the message says what and where).',
    '',
    'Examples:',
    '  ordwright compose --template city-ordinance --profile riverbend -o riverbend.ordinance.json',
    '  ordwright check riverbend.ordinance.json',
    '  ordwright export riverbend.ordinance.json -o riverbend.docx',
    '  ordwright check enacted.docx --severity high',
    '',
    'Ordwright works offline: no command makes a network request.',
    '',
  ].join('\n');
}

function describe(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof DataError) return new CliError(`the clause library has problems:\n${e.message}`, 'fix the YAML files named above');
  // anything else is a bug: say so plainly, without a stack trace (ORDWRIGHT_DEBUG=1 shows it)
  const msg = e instanceof Error ? e.message : String(e);
  return new CliError(`unexpected error: ${msg}`, 'this is a bug in Ordwright; run again with ORDWRIGHT_DEBUG=1 for details and report it');
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const load = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
      if (load) {
        io.out(helpText((await load()).spec));
        return EXIT.ok;
      }
      (name === undefined ? io.err : io.out)(await mainHelp());
      return name === undefined ? EXIT.bad : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.out(`ordwright ${version()}`);
      return EXIT.ok;
    }
    const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      const guess = closest(name, NAMES);
      throw new CliError(
        name.startsWith('-') ? `unknown option ${name}; a command comes first` : `unknown command "${name}"`,
        `${guess ? `did you mean "${guess}"? ` : ''}commands: ${NAMES.join(', ')}; "ordwright --help" explains them`,
      );
    }
    const cmd = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(helpText(cmd.spec));
      return EXIT.ok;
    }
    return await cmd.run(rest, io);
  } catch (e) {
    const err = describe(e);
    io.err(`ordwright${name && !name.startsWith('-') ? ` ${name}` : ''}: ${err.message}`);
    if (err.hint) io.err(`  ${err.hint}`);
    if (process.env.ORDWRIGHT_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return err.code;
  }
}
