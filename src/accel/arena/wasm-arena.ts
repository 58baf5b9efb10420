// One WebAssembly memory for every kernel module (assembly/*.ts import it as `env.memory`), and typed
// arrays that live in it. A layer's weights, outputs, gradients and masks are allocated here
// ("resident"), so a kernel reads and writes them where they are: no copy into the module and back,
// which was a fifth of a spiral-network epoch and most of a batch-of-one prediction.
//
// The memory is shared (a SharedArrayBuffer) where the runtime allows it (Node; browsers when
// cross-origin isolated) for one reason: growing a shared memory never detaches the arrays already
// made on it, so a resident Float32Array stays valid for its whole life. Elsewhere the memory is an
// ordinary one, nothing is resident, and the kernels copy operands in and results out as before.
// The modules load onto this memory through arena-module.ts.
//
// Resident arrays are freed when garbage-collected (FinalizationRegistry). Keep what you take from
// a layer's buffers with `slice()`, not `subarray()`: a subarray outliving the array it was taken from
// would see the freed memory reused.

import { ScratchnetError } from '../../errors/scratchnet-error.ts';

const PAGE = 65536;
/** Addresses below this are never handed out: 0 means "none" to the kernels. */
const FIRST_ADDRESS = PAGE;
/** 2 GiB: what a shared memory reserves (address space only) and may grow to. */
const MAX_PAGES = 32768;

// arithmetic, not `& ~15`: sizes past 2 GB must not wrap to negative 32-bit integers
const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

export type ResidentKind = Float32Array | Float64Array | Int32Array | Uint32Array;

class Arena {
  readonly memory: WebAssembly.Memory;
  /** Whether arrays can be resident (the memory is shared, so growing detaches nothing). */
  readonly shared: boolean;
  private top = FIRST_ADDRESS;
  private readonly free = new Map<number, number[]>();
  private freeBytes = 0;
  /** The SharedArrayBuffer objects of the memory: one per size it has had. */
  private readonly buffers = new Set<ArrayBufferLike>();
  private readonly registry = new FinalizationRegistry<[address: number, bytes: number]>(([a, b]) =>
    this.release(a, b),
  );
  private scratchAt = 0;
  private scratchBytes = 0;
  private viewBuffer: ArrayBufferLike | null = null;
  private views = {
    f32: new Float32Array(0),
    f64: new Float64Array(0),
    i32: new Int32Array(0),
    u32: new Uint32Array(0),
  };

  constructor(memory: WebAssembly.Memory, shared: boolean) {
    this.memory = memory;
    this.shared = shared;
  }

  /** Views of the whole memory, made again after it grows. */
  heap(): { f32: Float32Array; f64: Float64Array; i32: Int32Array; u32: Uint32Array } {
    const buffer = this.memory.buffer;
    if (this.viewBuffer !== buffer || this.views.f64.byteLength !== buffer.byteLength) {
      this.views = {
        f32: new Float32Array(buffer),
        f64: new Float64Array(buffer),
        i32: new Int32Array(buffer),
        u32: new Uint32Array(buffer),
      };
      this.viewBuffer = buffer;
      this.buffers.add(buffer);
    }
    return this.views;
  }

  /** The address of `bytes` bytes (16-aligned), growing the memory when nothing free fits. */
  allocate(bytes: number): number {
    const size = align16(Math.max(bytes, 16));
    const exact = this.free.get(size);
    if (exact !== undefined && exact.length > 0) {
      this.freeBytes -= size;
      return exact.pop() as number;
    }
    if (this.top + size > this.memory.buffer.byteLength && this.freeBytes >= size) {
      const fitted = this.takeLarger(size);
      if (fitted >= 0) return fitted;
    }
    const at = this.top;
    const length = this.memory.buffer.byteLength;
    if (at + size > length) {
      const pages = Math.ceil((at + size - length) / PAGE);
      const ahead = Math.min(Math.ceil(length / PAGE / 2), MAX_PAGES - length / PAGE);
      try {
        this.memory.grow(Math.max(pages, ahead));
      } catch {
        this.growExactly(pages, size);
      }
    }
    this.top = at + size;
    return at;
  }

  /** Grows by just what is needed (the half-again reserve did not fit), or says why it cannot. */
  private growExactly(pages: number, size: number): void {
    try {
      this.memory.grow(pages);
    } catch {
      const inUse = Math.round((this.top - this.freeBytes) / 2 ** 20);
      throw new ScratchnetError(
        'OUT_OF_MEMORY',
        `the kernels' WebAssembly memory cannot grow by ${Math.ceil(size / 2 ** 20)} MB (${inUse} MB in use, at most ${(MAX_PAGES * PAGE) / 2 ** 30} GB)`,
        'use a smaller batchSize for train, predict and evaluate, or fewer or smaller models at once',
      );
    }
  }

  /** The smallest free block of at least `size` bytes, split; -1 when none. */
  private takeLarger(size: number): number {
    let best = -1;
    for (const [blockSize, list] of this.free) {
      if (blockSize >= size && list.length > 0 && (best < 0 || blockSize < best)) best = blockSize;
    }
    if (best < 0) return -1;
    const at = (this.free.get(best) as number[]).pop() as number;
    this.freeBytes -= best;
    if (best > size) this.release(at + size, best - size);
    return at;
  }

  release(at: number, size: number): void {
    if (at + size === this.top) {
      this.top = at;
      return;
    }
    let list = this.free.get(size);
    if (list === undefined) {
      list = [];
      this.free.set(size, list);
    }
    list.push(at);
    this.freeBytes += size;
  }

  /** A zeroed resident array, freed when it is garbage-collected; null when the memory is full. */
  resident<T extends ResidentKind>(
    make: (buffer: ArrayBufferLike, at: number, length: number) => T,
    length: number,
    bytesPer: number,
  ): T | null {
    const bytes = align16(Math.max(length * bytesPer, 16));
    let at: number;
    try {
      at = this.allocate(bytes);
    } catch (error) {
      // a full memory costs speed, not the run: this array stays ordinary and the kernels copy it
      if (error instanceof ScratchnetError) return null;
      throw error;
    }
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    const array = make(buffer, at, length);
    array.fill(0);
    this.registry.register(array, [at, bytes]);
    return array;
  }

  /** The array's address in this memory, or -1 when it lives elsewhere. */
  addressOf(array: ArrayBufferView): number {
    return this.buffers.has(array.buffer) ? array.byteOffset : -1;
  }

  /**
   * A scratch region of at least `bytes` bytes for one kernel call: the same region every call
   * (grown when too small), so it must not be held across calls.
   */
  scratch(bytes: number): number {
    if (bytes > this.scratchBytes) {
      if (this.scratchBytes > 0) this.release(this.scratchAt, this.scratchBytes);
      this.scratchBytes = align16(Math.max(bytes, this.scratchBytes * 2, 4096));
      this.scratchAt = this.allocate(this.scratchBytes);
    }
    return this.scratchAt;
  }
}

let arena: Arena | null | undefined;

function makeArena(): Arena | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    if (typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer)
      return new Arena(memory, true);
  } catch {
    // not cross-origin isolated, or no threads support: an ordinary memory
  }
  try {
    return new Arena(new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES }), false);
  } catch {
    return null;
  }
}

/** The arena, or null where WebAssembly is missing. */
export function wasmArena(): Arena | null {
  if (arena === undefined) arena = makeArena();
  return arena;
}

export type { Arena };

let residentOn = true;

/** Turns resident allocation off (tests compare both ways; arrays already made stay where they are). */
export function useResidentArrays(on: boolean): void {
  residentOn = on;
}

function residentArena(): Arena | null {
  if (!residentOn) return null;
  const a = wasmArena();
  return a?.shared ? a : null;
}

/** A zeroed Float32Array, resident in the kernels' memory where that is possible. */
export function residentFloat32Array(length: number): Float32Array {
  return (
    residentArena()?.resident((b, at, n) => new Float32Array(b, at, n), length, 4) ?? new Float32Array(length)
  );
}

/** A zeroed Float64Array, resident in the kernels' memory where that is possible. */
export function residentFloat64Array(length: number): Float64Array {
  return (
    residentArena()?.resident((b, at, n) => new Float64Array(b, at, n), length, 8) ?? new Float64Array(length)
  );
}

/** A zeroed Int32Array, resident in the kernels' memory where that is possible. */
export function residentInt32Array(length: number): Int32Array {
  return (
    residentArena()?.resident((b, at, n) => new Int32Array(b, at, n), length, 4) ?? new Int32Array(length)
  );
}
