// Reading fields out of an untrusted model.json: every check names the field and what was expected,
// and fails with CORRUPT_MODEL_FILE, so that a damaged file never turns into a crash or a silent default.
import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';

export const SAVE_AGAIN_HINT = 'the file may be truncated or edited by hand; save the model again';

/** What JSON.stringify writes and JSON.parse gives back. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export interface JsonObject {
  readonly [key: string]: unknown;
}

export function corrupt(message: string, hint = SAVE_AGAIN_HINT): ScratchnetError {
  return new ScratchnetError('CORRUPT_MODEL_FILE', message, hint);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `where` is a field path such as `modelTopology.config.layers[1].config.rate`. */
export function requireObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw corrupt(`model.json: ${where} must be an object, got ${describeValue(value)}`);
  return value;
}

export function requireArray(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value))
    throw corrupt(`model.json: ${where} must be an array, got ${describeValue(value)}`);
  return value;
}

export function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string') {
    throw corrupt(`model.json: ${where} must be a string, got ${describeValue(value)}`);
  }
  return value;
}

export function requireFinite(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw corrupt(`model.json: ${where} must be a finite number, got ${describeValue(value)}`);
  }
  return value;
}

export function requireCount(value: unknown, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw corrupt(`model.json: ${where} must be an integer >= ${min}, got ${describeValue(value)}`);
  }
  return value;
}

/** A lambda of a regularizer or a rate: finite and >= 0 (rates also < 1, checked by the caller). */
export function requireNonNegativeField(value: unknown, where: string): number {
  const n = requireFinite(value, where);
  if (n < 0) throw corrupt(`model.json: ${where} must be >= 0, got ${n}`);
  return n;
}

export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  where: string,
  hint = SAVE_AGAIN_HINT,
): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw corrupt(
      `model.json: ${where} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, ` +
        `got ${describeValue(value)}`,
      hint,
    );
  }
  return found;
}

/** Fields scratchnet cannot honour must be absent or null (e.g. activity_regularizer, constraints). */
export function requireAbsent(config: JsonObject, key: string, where: string, hint: string): void {
  if (config[key] !== undefined && config[key] !== null) {
    throw corrupt(`model.json: ${where}.${key} is set, which scratchnet does not support`, hint);
  }
}
