import type { Io } from './io';

/**
 * Progress of a batch on stderr. On a terminal: one bar redrawn in place
 * ("[#########-----------]  23/50  riverbend"); messages printed while it runs appear on
 * their own lines above it. Otherwise (a pipe, a log file, CI): one plain line per item,
 * so the log reads well and nothing is overwritten.
 */
export class Progress {
  private done = 0;
  private shown = false;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly width = 30,
  ) {}

  private bar(label: string): string {
    const frac = this.total === 0 ? 1 : this.done / this.total;
    const full = Math.round(frac * this.width);
    const count = `${String(this.done).padStart(String(this.total).length)}/${this.total}`;
    const name = label.length > 32 ? `${label.slice(0, 31)}…` : label;
    return `[${'#'.repeat(full)}${'-'.repeat(this.width - full)}] ${count} ${name}`;
  }

  private clear(): void {
    // the Io adds a newline to what it writes, so the bar is drawn with raw carriage returns
    if (this.shown) this.io.errRaw?.('\r\x1b[2K');
    this.shown = false;
  }

  /** A message that must stay readable (a failed row): above the bar, or as its own line. */
  note(message: string): void {
    this.clear();
    this.io.err(message);
  }

  /** One item finished; `line` is what a plain log says about it. */
  step(label: string, line: string): void {
    this.done++;
    if (this.io.tty && this.io.errRaw) {
      this.io.errRaw(`\r\x1b[2K${this.bar(label)}`);
      this.shown = true;
    } else {
      this.io.err(`[${this.done}/${this.total}] ${line}`);
    }
  }

  finish(): void {
    if (this.shown) {
      this.io.errRaw?.('\n');
      this.shown = false;
    }
  }
}
