/**
 * zod schemas of the IPC payloads that are not ChatApi actions (those use CHAT_CALLS): the
 * renderer is untrusted input like the network, so main checks every field before acting.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { ChatApiError, CHAT_CALLS } from '../../shared/api/index.js';
import { LIMITS } from '../../shared/protocol/index.js';
import { MAX_UPLOAD_BYTES_OVER_IPC, type IpcUploadSource, type UploadTarget } from './channels.js';

const { serverId, roomId, text } = CHAT_CALLS.sendMessage.shape;

/** Subscription and page ids chosen by the renderer. */
const Id = z.string().min(1).max(64);
const ids = { page: Id, sub: Id };

/** parley:subscribe payload; a timeline needs its room. */
export const SubscribeRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...ids, kind: z.literal('state') }),
  z.strictObject({ ...ids, kind: z.literal('notice') }),
  z.strictObject({ ...ids, kind: z.literal('openRoom') }),
  z.strictObject({ ...ids, kind: z.literal('timeline'), serverId, roomId }),
]);

/** parley:unsubscribe payload. */
export const UnsubscribeRequestSchema = z.strictObject({ sub: Id });

/** parley:upload target. */
export const UploadTargetSchema = z.strictObject({ serverId, roomId, text: text.optional() });

const sourceBase = {
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(LIMITS.fileNameMax * 4),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  type: z.string().max(255),
};

/** parley:upload source: a path on disk, or the bytes of a pasted file. */
export const UploadSourceSchema = z.union([
  z.strictObject({
    ...sourceBase,
    path: z
      .string()
      .max(4096)
      .refine((p) => isAbsolute(p) && !p.includes('\0'), 'must be an absolute path'),
  }),
  z.strictObject({
    ...sourceBase,
    bytes: z
      .instanceof(Uint8Array, { message: 'must be bytes' })
      .refine(
        (b) => b.byteLength <= MAX_UPLOAD_BYTES_OVER_IPC,
        `must be at most ${MAX_UPLOAD_BYTES_OVER_IPC} bytes (larger files go by path)`,
      ),
  }),
]);

/** parley:grant payload: absolute paths from one user gesture. */
export const GrantRequestSchema = z
  .array(
    z
      .string()
      .max(4096)
      .refine((p) => isAbsolute(p) && !p.includes('\0'), 'must be an absolute path'),
  )
  .min(1)
  .max(100);

/** Validates a zod payload, throwing ChatApiError('invalid') with the first problem. */
export function parsePayload<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ChatApiError('invalid', `${what}: ${where}${issue?.message ?? 'invalid payload'}`);
}

/**
 * Checks an upload fully: the shape, then for a path that the user granted it in this window
 * (picked, dropped, pasted) and that it names a regular file whose size is the one the renderer saw (so a swapped or growing file is refused rather than half-sent).
 */
export async function parseUpload(
  target: unknown,
  source: unknown,
  isGranted: (path: string) => boolean,
): Promise<{ target: UploadTarget; source: IpcUploadSource }> {
  const t = parsePayload('upload target', UploadTargetSchema, target);
  const s = parsePayload('upload source', UploadSourceSchema, source);
  if ('bytes' in s) {
    if (s.bytes.byteLength !== s.size)
      throw new ChatApiError('invalid', 'upload source: size does not match the bytes sent');
    return { target: t, source: s };
  }
  if (!isGranted(s.path))
    throw new ChatApiError(
      'forbidden',
      `upload source: "${s.name}" was not picked, dropped or pasted in this window`,
    );
  let info;
  try {
    info = await stat(s.path);
  } catch {
    throw new ChatApiError('not_found', `upload source: cannot read "${s.name}"`);
  }
  if (!info.isFile())
    throw new ChatApiError('invalid', `upload source: "${s.name}" is not a regular file`);
  if (info.size !== s.size)
    throw new ChatApiError(
      'invalid',
      `upload source: "${s.name}" changed size since it was picked`,
    );
  return { target: t, source: s };
}
