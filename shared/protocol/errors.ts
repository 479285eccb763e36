import { z } from 'zod';

/** Stable error codes carried by `error` frames and HTTP error bodies. */
export const ErrorCode = z.enum([
  'bad_frame',
  'unknown_type',
  'invalid',
  'unsupported_data',
  'too_large',
  'protocol_mismatch',
  'unauthorized',
  'bad_password',
  'name_taken',
  'not_found',
  'forbidden',
  'not_member',
  'rate_limited',
  'storage_failed',
  'storage_full',
  'internal',
  'banned',
  'invite_required',
  'invite_invalid',
  'invite_expired',
  'invite_revoked',
  'invite_used_up',
]);
/** One of the stable error codes. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/** HTTP status that matches each error code, for REST responses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_frame: 400,
  unknown_type: 400,
  invalid: 400,
  unsupported_data: 415,
  too_large: 413,
  protocol_mismatch: 400,
  unauthorized: 401,
  bad_password: 401,
  name_taken: 409,
  not_found: 404,
  forbidden: 403,
  not_member: 403,
  rate_limited: 429,
  storage_failed: 507,
  storage_full: 507,
  internal: 500,
  banned: 403,
  invite_required: 401,
  invite_invalid: 401,
  invite_expired: 401,
  invite_revoked: 401,
  invite_used_up: 401,
};

/** An error that carries a stable code; thrown by services, turned into error frames. */
export class ParleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ParleyError';
  }
}
