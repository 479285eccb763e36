/**
 * zod compiles fast parsers with `new Function` when it may; in the page that probe alone is
 * an `eval` the CSP (script-src 'self') refuses and reports on every load. The page parses few
 * frames, so it runs zod without the compiler. Imported first, before any schema is used.
 */
import { z } from 'zod';

z.config({ jitless: true });
