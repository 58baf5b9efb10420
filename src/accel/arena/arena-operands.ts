import type { Arena } from './wasm-arena.ts';

// Where one kernel call's arrays live in the kernels' memory. A resident array of the type the
// kernel reads is used in place; any other is given room in the scratch region: an input is copied
// in (converted by the typed-array `set`: a float32 array widens exactly into a float64 slot), an
// output copied back after the call (a float64 result rounds once into a float32 array). Working
// space is reserved in the same region. Fixed-size arrays and no closures: a call allocates nothing.

export type SlotArray = Float32Array | Float64Array | Int32Array;
/** The element type a kernel reads or writes at a slot. */
export type SlotType = 'f32' | 'f64' | 'i32';

const MAX_SLOTS = 8;
const align64 = (bytes: number) => Math.ceil(bytes / 64) * 64;

function typeOf(array: SlotArray): SlotType {
  return array instanceof Float64Array ? 'f64' : array instanceof Float32Array ? 'f32' : 'i32';
}

export class ArenaOperands {
  private arena: Arena | null = null;
  private readonly arrays: (SlotArray | null)[] = new Array(MAX_SLOTS).fill(null);
  private readonly types: SlotType[] = new Array(MAX_SLOTS).fill('f32');
  /** Offset in the scratch region, or -1 for an array used in place. */
  private readonly offsets: number[] = new Array(MAX_SLOTS).fill(0);
  private readonly addresses: number[] = new Array(MAX_SLOTS).fill(0);
  private readonly outputs: boolean[] = new Array(MAX_SLOTS).fill(false);
  private count = 0;
  private size = 0;
  private base = 0;

  begin(arena: Arena): void {
    this.arena = arena;
    this.count = 0;
    this.size = 0;
  }

  /** An array the kernel reads, as `type` (its own type when omitted); returns its slot. */
  input(array: SlotArray, type: SlotType = typeOf(array)): number {
    return this.add(array, type, false);
  }

  /** An array the kernel writes, as `type` (its own type when omitted); returns its slot. */
  output(array: SlotArray, type: SlotType = typeOf(array)): number {
    return this.add(array, type, true);
  }

  private add(array: SlotArray, type: SlotType, output: boolean): number {
    const slot = this.count++;
    const at = typeOf(array) === type ? (this.arena as Arena).addressOf(array) : -1;
    this.arrays[slot] = array;
    this.types[slot] = type;
    this.outputs[slot] = output;
    this.addresses[slot] = at;
    this.offsets[slot] = at >= 0 ? -1 : this.reserve(array.length * (type === 'f64' ? 8 : 4));
    return slot;
  }

  /** Reserves `bytes` of working space; returns its offset from place()'s address. */
  reserve(bytes: number): number {
    const offset = this.size;
    this.size = align64(this.size + bytes);
    return offset;
  }

  /** Takes the scratch region (which may grow the memory) and copies the inputs in; returns its address. */
  place(): number {
    const arena = this.arena as Arena;
    this.base = arena.scratch(this.size);
    const heap = arena.heap();
    for (let i = 0; i < this.count; i++) {
      if (this.offsets[i] < 0) continue;
      const at = this.base + this.offsets[i];
      this.addresses[i] = at;
      if (this.outputs[i]) continue;
      const array = this.arrays[i] as SlotArray;
      const type = this.types[i];
      if (type === 'f64') heap.f64.set(array, at >> 3);
      else if (type === 'f32') heap.f32.set(array, at >> 2);
      else heap.i32.set(array, at >> 2);
    }
    return this.base;
  }

  address(slot: number): number {
    return this.addresses[slot];
  }

  /**
   * Copies the outputs that were not in place back (unless the kernel refused the call and wrote
   * nothing: `copyOutputs` false), and drops the references to the arrays.
   */
  finish(copyOutputs = true): void {
    for (let i = 0; i < this.count; i++) {
      const array = this.arrays[i] as SlotArray;
      if (copyOutputs && this.outputs[i] && this.offsets[i] >= 0) {
        array.set(this.viewOf(this.types[i], this.addresses[i], array.length));
      }
      this.arrays[i] = null;
    }
    this.count = 0;
  }

  // Views of the scratch region by address, type and length, kept so that steady state allocates
  // not even those (a typed-array `set` from a view is a memcpy, or a conversion loop in C++).
  private readonly views = new Map<number, SlotArray>();
  private viewsBuffer: ArrayBufferLike | null = null;

  private viewOf(type: SlotType, at: number, length: number): SlotArray {
    const heap = (this.arena as Arena).heap();
    if (this.viewsBuffer !== heap.f64.buffer) {
      this.views.clear();
      this.viewsBuffer = heap.f64.buffer;
    }
    const key = at * 4 + (type === 'f64' ? 1 : type === 'f32' ? 2 : 3);
    let view = this.views.get(key);
    if (view === undefined || view.length !== length) {
      if (type === 'f64') view = heap.f64.subarray(at >> 3, (at >> 3) + length);
      else if (type === 'f32') view = heap.f32.subarray(at >> 2, (at >> 2) + length);
      else view = heap.i32.subarray(at >> 2, (at >> 2) + length);
      if (this.views.size >= 64) this.views.clear(); // many shapes in one process: stay bounded
      this.views.set(key, view);
    }
    return view;
  }
}
