import { z } from 'zod';

/**
 * Import this module FIRST in any page that runs under a Content Security Policy
 * without 'unsafe-eval' (the renderer, the e2e harness).
 *
 * zod builds a faster parser for object schemas with `new Function` when it can, and
 * decides that when each object schema is created, by probing eval once. Under a
 * strict CSP the probe is refused and reported as a CSP violation. Turning the code
 * generation off before any schema exists avoids the probe; parsing results are the
 * same, only the interpreted path is used. Node (main, CLI, tests) keeps the fast path.
 */
z.config({ jitless: true });
