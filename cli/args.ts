import { parseArgs } from 'node:util';
import { CliError } from './io';

/**
 * Each command declares its options once; the same declaration drives parsing
 * (node:util parseArgs), validation of enumerated values and the --help text, so the
 * help can never drift from what the command accepts.
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Name of the value in the help ("FILE", "ID"). */
  value?: string;
  /** The allowed values of a string option. */
  choices?: readonly string[];
  help: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage lines after "ordwright ". */
  usage: string[];
  /** A paragraph or two under the usage. */
  description?: string;
  options: Record<string, OptionSpec>;
  positionals: { min: number; max: number; name: string };
  examples: string[];
  /** What the exit codes mean for this command, when it differs from the usual 0/2. */
  exit?: string;
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };
export const LIBRARY_OPTION: OptionSpec = {
  type: 'string',
  value: 'DIR',
  help: 'use the clause library in DIR (a folder with clauses/ and seeds/) instead of the one shipped with Ordwright',
};

/** Levenshtein distance, for "did you mean" hints on mistyped options and ids. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate, when it is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const list = [...candidates];
  // a prefix ("--lib" for "--library") is a likelier meaning than any near miss
  const prefixed = list.filter((c) => word.length >= 3 && c.toLowerCase().startsWith(word.toLowerCase()));
  if (prefixed.length === 1) return prefixed[0];
  for (const c of list) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function optionName(message: string): string | undefined {
  // "Unknown option '--foo'", "Option '-t, --template <value>' argument missing"
  return /'(?:-[A-Za-z], )?(-{1,2}[^' <]+)/.exec(message)?.[1];
}

/** Parse a command's arguments; every mistake becomes a CliError that says what to do. */
export function parse(spec: CommandSpec, argv: string[]): Parsed {
  const helpHint = `run "ordwright ${spec.name} --help" to see what it accepts`;
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = e instanceof Error ? e.message : String(e);
    const opt = optionName(msg);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && opt) {
      const names = Object.keys(spec.options).map((n) => `--${n}`);
      const guess = opt.startsWith('--') ? closest(opt, names) : undefined;
      throw new CliError(`"ordwright ${spec.name}" has no option ${opt}`, guess ? `did you mean ${guess}? Or ${helpHint}` : helpHint);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && opt) {
      const name = opt.replace(/^-+/, '');
      const o = spec.options[name] ?? Object.values(spec.options).find((x) => x.short === name);
      if (o?.type === 'boolean') throw new CliError(`option ${opt} takes no value`, `write ${opt} alone; ${helpHint}`);
      throw new CliError(`option ${opt} needs a value${o?.value ? ` (${o.value})` : ''}`, o?.choices ? `one of: ${o.choices.join(', ')}` : helpHint);
    }
    throw new CliError(msg, helpHint);
  }
  const values = parsed.values as Parsed['values'];
  if (values.help) return { values, positionals: parsed.positionals };
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (o.type !== 'string' || v === undefined) continue;
    const list = Array.isArray(v) ? v : [v as string];
    for (const item of list) {
      if (item === '') throw new CliError(`option --${name} needs a value${o.value ? ` (${o.value})` : ''}, not an empty string`, helpHint);
      if (o.choices && !o.choices.includes(item)) {
        const guess = closest(item, o.choices);
        throw new CliError(`option --${name} cannot be "${item}"`, `use one of: ${o.choices.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
      }
    }
    // a string option given twice: the last one would silently win, so refuse
    if (!o.multiple && Array.isArray(v)) throw new CliError(`option --${name} is given more than once`, `give it once`);
  }
  const { min, max, name } = spec.positionals;
  const pos = parsed.positionals;
  if (pos.length < min) throw new CliError(`"ordwright ${spec.name}" needs ${name}`, `usage: ${spec.usage.map((u) => `ordwright ${u}`).join(' | ')}`);
  if (pos.length > max) {
    const extra = pos.slice(max);
    throw new CliError(
      `"ordwright ${spec.name}" takes ${max === 0 ? 'no file names' : `at most ${max} ${name}`}; unexpected: ${extra.map((x) => `"${x}"`).join(' ')}`,
      helpHint,
    );
  }
  return { values, positionals: pos };
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

/** Wrap text at `width` columns, indenting continuation lines. */
function wrap(text: string, width: number, indent: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** The --help page of a command. */
export function helpText(spec: CommandSpec): string {
  const out: string[] = [`ordwright ${spec.name}: ${spec.summary}`, '', 'Usage:'];
  for (const u of spec.usage) out.push(`  ordwright ${u}`);
  if (spec.description) {
    out.push('');
    for (const para of spec.description.split('\n\n')) {
      out.push(...wrap(para, 80, 0));
      out.push('');
    }
    out.pop();
  }
  out.push('', 'Options:');
  const heads = Object.entries(spec.options).map(([name, o]) => {
    const value = o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : '';
    return { head: `${o.short ? `-${o.short}, ` : '    '}--${name}${value}`, o };
  });
  const col = Math.min(34, Math.max(...heads.map((h) => h.head.length)) + 4);
  for (const { head, o } of heads) {
    const help = o.choices ? `${o.help} (${o.choices.join(' | ')})` : o.help;
    const body = wrap(help, 80, col + 2);
    if (head.length + 2 >= col) {
      out.push(`  ${head}`);
      for (const l of body) out.push(`${' '.repeat(col + 2)}${l}`);
    } else {
      out.push(`  ${head.padEnd(col)}${body[0] ?? ''}`);
      for (const l of body.slice(1)) out.push(`${' '.repeat(col + 2)}${l}`);
    }
  }
  if (spec.exit) {
    out.push('', 'Exit status:');
    for (const l of spec.exit.split('\n')) out.push(`  ${l}`);
  }
  if (spec.examples.length) {
    out.push('', 'Examples:');
    for (const e of spec.examples) out.push(`  ${e}`);
  }
  return out.join('\n') + '\n';
}
