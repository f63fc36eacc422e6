/**
 * Word-level diff for redlines. Tokens are words, runs of spaces and single
 * punctuation marks, so a changed word shows as one deletion and one insertion.
 */
export type DiffOp = { op: 'same' | 'ins' | 'del'; text: string };

export function tokenizeWords(s: string): string[] {
  return s.match(/\s+|[\p{L}\p{N}'’§$.-]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** LCS diff of two token lists; adjacent ops of one kind are merged. */
export function diffWords(before: string, after: string): DiffOp[] {
  const a = tokenizeWords(before);
  const b = tokenizeWords(after);
  // trim common prefix and suffix: provisions are long and changes are local
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  if (start > 0) push('same', a.slice(0, start).join(''));
  const n = endA - start;
  const m = endB - start;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[start + i] === b[start + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      push('same', a[start + i]!);
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // deletions before insertions: a redline reads "may should", struck word first
      push('del', a[start + i]!);
      i++;
    } else {
      push('ins', b[start + j]!);
      j++;
    }
  }
  if (endA < a.length) push('same', a.slice(endA).join(''));
  return ops;
}

/** Similarity of two texts by shared words (0..1), for aligning provisions. */
export function similarity(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const wb = new Set(b.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  if (wa.size === 0 && wb.size === 0) return 1;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(wa.size, wb.size);
}

export type Alignment<A, B> = { a?: A; b?: B }[];

/** Align two sequences (original provisions, current provisions) by similarity, keeping order. */
export function align<A, B>(as: A[], bs: B[], sim: (a: A, b: B) => number, threshold = 0.4): Alignment<A, B> {
  const n = as.length;
  const m = bs.length;
  const score: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const simAt = (i: number, j: number) => sim(as[i]!, bs[j]!);
  const memo = new Map<number, number>();
  const s = (i: number, j: number) => {
    const k = i * (m + 1) + j;
    let v = memo.get(k);
    if (v === undefined) {
      v = simAt(i, j);
      memo.set(k, v);
    }
    return v;
  };
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const v = s(i, j);
      const take = v >= threshold ? score[i + 1]![j + 1]! + v : -Infinity;
      score[i]![j] = Math.max(take, score[i + 1]![j]!, score[i]![j + 1]!);
    }
  }
  const out: Alignment<A, B> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const v = s(i, j);
    if (v >= threshold && score[i]![j] === score[i + 1]![j + 1]! + v) {
      out.push({ a: as[i], b: bs[j] });
      i++;
      j++;
    } else if (score[i + 1]![j]! >= score[i]![j + 1]!) {
      out.push({ a: as[i] });
      i++;
    } else {
      out.push({ b: bs[j] });
      j++;
    }
  }
  while (i < n) out.push({ a: as[i++] });
  while (j < m) out.push({ b: bs[j++] });
  return out;
}
