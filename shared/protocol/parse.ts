import type { z } from 'zod';
import { ClientFrame, CLIENT_FRAME_TYPES } from './clientFrames.js';
import { ParleyError } from './errors.js';

/** Turns a zod failure into one readable sentence naming the fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** A UTF-16 surrogate without its other half: not Unicode, refused by strict JSON parsers. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text is well-formed Unicode (no lone surrogates). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The path of the first string (key or value) in a parsed value that is not well-formed. */
function illFormedPath(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === 'string') return isWellFormedText(value) ? undefined : path;
  if (typeof value !== 'object' || value === null || depth > 32) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (!isWellFormedText(k)) return [...path, '(a key)'];
    const found = illFormedPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Parses one text frame from a client; throws ParleyError with a precise code on bad input. */
export function parseClientFrame(text: string): ClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ParleyError('bad_frame', 'frame is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ParleyError('bad_frame', 'frame must be a JSON object');
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !(CLIENT_FRAME_TYPES as string[]).includes(type)) {
    throw new ParleyError('unknown_type', `unknown frame type ${JSON.stringify(type)}`);
  }
  // Every text field at once: a lone surrogate would be stored and sent to everyone.
  const bad = illFormedPath(raw);
  if (bad) {
    throw new ParleyError(
      'invalid',
      `${type}: ${bad.join('.') || 'text'}: must be valid Unicode (it holds a lone UTF-16 surrogate)`,
    );
  }
  const parsed = ClientFrame.safeParse(raw);
  if (!parsed.success) throw new ParleyError('invalid', `${type}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The request id of a raw frame if it has a usable one, so errors can reply to it. */
export function requestIdOf(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as { id?: unknown };
    // Counted in code points, as the schemas count lengths.
    return typeof raw?.id === 'string' && [...raw.id].length <= 64 ? raw.id : undefined;
  } catch {
    return undefined;
  }
}
