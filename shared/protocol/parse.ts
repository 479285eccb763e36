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
