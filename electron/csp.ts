/**
 * The Content Security Policy of the renderer: its own scripts, styles and images,
 * nothing else. React sets styles through the CSSOM, which style-src does not govern,
 * and the build emits external stylesheets only, so no 'unsafe-inline' is needed.
 *
 * electron/protocol.ts sends it as a header with every HTML page; renderer/index.html
 * repeats it in a meta tag so the browser build is held to the same policy (a test
 * checks the two agree).
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** Directives a browser ignores (and warns about) when they come in a meta tag. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The policy as a string. `forMeta` leaves out the directives that only work as a
 * header, so the meta tag does not make the browser log a warning on every load.
 */
export function contentSecurityPolicy(options: { forMeta?: boolean } = {}): string {
  return CSP_DIRECTIVES.filter(([k]) => !(options.forMeta && HEADER_ONLY.has(k)))
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** Parse a policy string into directive -> sources, for comparisons in tests and tools. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}
