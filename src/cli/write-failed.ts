import { ScratchnetError } from '../errors/scratchnet-error.ts';

/**
 * Runs a step that writes files; a system error (a full disk, a lost permission) comes out as
 * WRITE_FAILED saying what was being written and what is still safe. A ScratchnetError passes as is.
 */
export async function writing<T>(what: string, hint: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScratchnetError('WRITE_FAILED', `cannot write ${what}: ${reason}`, hint);
  }
}
