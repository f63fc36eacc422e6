/** Exit codes: 0 success; 1 the check found open routes; 2 bad input or usage. */
export const EXIT = { ok: 0, open: 1, bad: 2 } as const;

/** An error the user can act on: what went wrong, where, and what to do. Printed without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: number = EXIT.bad,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Write to stderr as is, without a newline (a progress bar redrawn in place). */
  errRaw?: (s: string) => void;
  /** True when stderr is a terminal (progress bars); plain lines otherwise. */
  tty: boolean;
  cwd: string;
}

export const processIo = (): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  errRaw: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
});
