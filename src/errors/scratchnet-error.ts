/**
 * Every error scratchnet throws on purpose. `code` is stable (match on it, not on the message);
 * the message names the offending value and what was expected; the hint says how to fix it.
 */
export type ErrorCode =
  | 'SHAPE_MISMATCH'
  | 'INVALID_OPTION'
  | 'UNKNOWN_OPTION'
  | 'BAD_LABEL'
  | 'NON_FINITE_INPUT'
  | 'DIVERGED'
  | 'CORRUPT_MODEL_FILE'
  | 'MODEL_NOT_FOUND'
  | 'BAD_STATE'
  | 'BAD_DATA'
  | 'OUT_OF_MEMORY'
  | 'WRITE_FAILED';

export class ScratchnetError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint = '') {
    super(message);
    this.name = 'ScratchnetError';
    this.code = code;
    this.hint = hint;
  }
}

/** Formats a value for an error message: short, and unambiguous about type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
