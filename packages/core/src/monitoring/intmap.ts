/**
 * A hash map from non-negative 31-bit integers to non-negative 31-bit integers, for the
 * indexed engine's grid cells (cell hash → first node key). Open addressing with linear
 * probing in one Int32Array of (key, value) pairs: a lookup is usually one cache line, where a
 * JS Map walks a bucket array and then an entry table. Nothing is ever removed: the grid's
 * blocks stay once made (an emptied block just holds empty lists).
 */
export class IntMap {
  /** The value get() returns for an absent key. */
  static readonly NONE = -1;
  private slots: Int32Array;
  private shift: number;
  private count = 0;

  constructor(capacity = 8) {
    let bits = 3;
    while (1 << bits < capacity * 2) bits++;
    this.slots = new Int32Array(2 << bits).fill(IntMap.NONE);
    this.shift = 32 - bits;
  }

  get size(): number {
    return this.count;
  }

  /** Fibonacci hashing: the top bits of key × 2³²/φ. */
  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The value stored under `key`, or IntMap.NONE. */
  get(key: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const k = slots[i << 1]!;
      if (k === key) return slots[(i << 1) + 1]!;
      if (k === IntMap.NONE) return IntMap.NONE;
    }
  }

  set(key: number, value: number): void {
    if ((key & 0x7fffffff) !== key || (value & 0x7fffffff) !== value)
      throw new RangeError(`IntMap takes integers from 0 to 2³¹ − 1, got ${key} → ${value}`);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const k = slots[i << 1]!;
      if (k === key) {
        slots[(i << 1) + 1] = value;
        return;
      }
      if (k === IntMap.NONE) {
        slots[i << 1] = key;
        slots[(i << 1) + 1] = value;
        if (++this.count * 2 > mask + 1) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(IntMap.NONE);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== IntMap.NONE) this.set(old[i]!, old[i + 1]!);
  }
}
