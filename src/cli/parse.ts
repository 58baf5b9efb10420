import { InvalidArgumentError } from 'commander';
import { isClassDatasetName } from '../data/class-datasets.ts';
import { isRegressionDatasetName } from '../data/regression-datasets.ts';
import { isImageDatasetName } from './image-data.ts';

// Parsers for command-line values: each rejects what it cannot use with a message naming the
// value and what was expected (commander prints it as `error: option '--x <n>' argument 'y' is invalid. …`).

/**
 * Decimal notation only: `16`, `-0.5`, `.5`, `5e-4`. Number() alone also takes `0x10`, `0b10` and
 * `0o10`, so `--epochs 0x10` would quietly mean 16.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text.trim()) || !Number.isFinite(value))
    throw new InvalidArgumentError(`expected a number, got ${JSON.stringify(text)}.`);
  return value;
}

export function parseNonNegative(text: string): number {
  const value = parseNumber(text);
  if (value < 0) throw new InvalidArgumentError(`expected a number >= 0, got ${text}.`);
  return value;
}

/**
 * The most noise a generated set takes. Its unit is the data's own (coordinates within about ±1, or
 * the spiral's angle), so 1 is already a cloud; far above, the points or targets overflow and training
 * would stop at a non-finite row that names no flag.
 */
export const MAX_NOISE = 100;

export function parseNoise(text: string): number {
  const value = parseNonNegative(text);
  if (value > MAX_NOISE)
    throw new InvalidArgumentError(`expected a number from 0 to ${MAX_NOISE}, got ${text}.`);
  return value;
}

export function parsePositive(text: string): number {
  const value = parseNumber(text);
  if (value <= 0) throw new InvalidArgumentError(`expected a number > 0, got ${text}.`);
  return value;
}

export function parsePositiveInteger(text: string): number {
  const value = parseNumber(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(`expected a whole number >= 1, got ${JSON.stringify(text)}.`);
  return value;
}

export function parseNonNegativeInteger(text: string): number {
  const value = parseNumber(text);
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidArgumentError(`expected a whole number >= 0, got ${JSON.stringify(text)}.`);
  return value;
}

/** A seed for numpy's RandomState: an integer in [0, 2^32). */
export function parseSeed(text: string): number {
  const value = parseNonNegativeInteger(text);
  if (value > 0xffffffff)
    throw new InvalidArgumentError(`a seed must be below 2^32 (4294967296), got ${text}.`);
  return value;
}

/** A fraction to drop: [0, 1). */
export function parseRate(text: string): number {
  const value = parseNumber(text);
  if (value < 0 || value >= 1)
    throw new InvalidArgumentError(`expected a rate in [0, 1) (the fraction dropped), got ${text}.`);
  return value;
}

/** A comma-separated list, each item parsed by `item`: `64,64`. */
export function listOf(item: (text: string) => number): (text: string) => number[] {
  return (text: string) => text.split(',').map((part) => item(part.trim()));
}

/** A --dataset value: a generated set, sine, an image set, or csv:FILE. */
export function parseDataset(text: string): string {
  if (isRegressionDatasetName(text) || isClassDatasetName(text)) return text;
  if (isImageDatasetName(text)) return text;
  if (text.startsWith('csv:') && text.length > 4) return text;
  throw new InvalidArgumentError(
    `expected spiral, vertical, circle, xor, gaussian, sine, plane, multi-gaussian, csv:FILE, fashion-mnist or idx:DIR, got ${JSON.stringify(text)}.`,
  );
}

/** A fraction strictly between 0 and 1 (--validation-split). */
export function parseFraction(text: string): number {
  const value = parsePositive(text);
  if (value >= 1) throw new InvalidArgumentError(`expected a fraction in (0, 1), got ${text}.`);
  return value;
}
