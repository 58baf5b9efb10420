import { rejectUnknownOptions } from '../errors/validate.ts';

/** Merges user options over an optimizer's defaults after rejecting names it does not know. */
export function withDefaults<T extends object>(
  owner: string,
  defaults: T,
  options: Partial<T> | undefined,
): T {
  rejectUnknownOptions(owner, options, Object.keys(defaults));
  return { ...defaults, ...options };
}

/** The hint for a decay factor (β1, β2, ρ) outside [0, 1). */
export const DECAY_FACTOR_HINT =
  'a decay factor keeps that fraction of the running average per step: use e.g. 0.9 or 0.999, below 1';
