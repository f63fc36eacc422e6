import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** A problem in one data file: which file, which field, what is wrong. */
export interface DataIssue {
  file: string;
  field: string;
  message: string;
}

export class DataError extends Error {
  constructor(public readonly issues: DataIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'DataError';
  }
}

export function formatIssue(i: DataIssue): string {
  return `${i.file}${i.field ? ` at ${i.field}` : ''}: ${i.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Parse one YAML file and validate it; either the value or the issues, never half. */
export function parseYamlFile<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; issues: DataIssue[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        file,
        field: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const data: unknown = doc.toJS();
  const result = schema.safeParse(data);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((iss) => ({
        file,
        field: formatPath(iss.path),
        message: iss.message,
      })),
    };
  }
  return { ok: true, value: result.data };
}
