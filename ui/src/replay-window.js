// The anti-replay window of one stream, exactly as the Java side keeps it
// (hashing/src/main/java/dev/otpkit/hashing/ReplayGuards.java, classes Window and LateNumbers;
// SPEC.md, "Sequence window"): the window of IPsec and DTLS (RFC 4303 section 3.4.3, RFC 6347
// section 4.1.2.6) as a ring of bits (RFC 6479), plus a list of late numbers kept as runs.
// Sequence numbers are unsigned 64-bit, held as BigInt.
//
// State lives in typed arrays only: their elements are never looked up on a prototype, so no
// page script can observe or alter the window through Array.prototype or Object.prototype.

import {
  Uint32Array,
  BigUint64Array,
  BigInt,
  Number,
  Error,
  BigIntAsUintN,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeGetLength,
} from "./intrinsics.js";

const U64 = (n) => BigIntAsUintN(64, n);

const rejected = (reason) => new Error("rejected: " + reason);

/**
 * The late numbers of one stream: ascending, as runs of consecutive numbers, at most `max`
 * numbers in all, the lowest dropped first. Numbers arrive in ascending order (they leave the
 * window in that order), so an add touches only the last run.
 */
export class LateNumbers {
  #max;
  #lo = new BigUint64Array(0);
  #hi = new BigUint64Array(0);
  #runs = 0;
  #count = 0;

  constructor(max) {
    this.#max = max;
  }

  /** Adds `n`, above every number held. */
  add(n) {
    if (this.#max === 0) {
      return;
    }
    const runs = this.#runs;
    if (runs > 0 && this.#hi[runs - 1] + 1n === n) {
      this.#hi[runs - 1] = n;
    } else {
      if (runs === TypedArrayPrototypeGetLength(this.#lo)) {
        this.#grow(runs < 2 ? 4 : runs * 2);
      }
      this.#lo[runs] = n;
      this.#hi[runs] = n;
      this.#runs = runs + 1;
    }
    if (++this.#count > this.#max) {
      this.#count--;
      if (this.#lo[0] === this.#hi[0]) {
        this.#removeRun(0);
      } else {
        this.#lo[0]++;
      }
    }
  }

  /** Removes `n` if held; true if it was. */
  take(n) {
    let low = 0;
    let high = this.#runs - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.#hi[mid] < n) {
        low = mid + 1;
      } else if (this.#lo[mid] > n) {
        high = mid - 1;
      } else {
        this.#remove(mid, n);
        this.#count--;
        return true;
      }
    }
    return false;
  }

  /** Numbers held. */
  get size() {
    return this.#count;
  }

  /** Runs held. */
  get runs() {
    return this.#runs;
  }

  #remove(run, n) {
    const lo = this.#lo;
    const hi = this.#hi;
    if (lo[run] === n && hi[run] === n) {
      this.#removeRun(run);
    } else if (lo[run] === n) {
      lo[run]++;
    } else if (hi[run] === n) {
      hi[run]--;
    } else {
      // split the run around n
      if (this.#runs === TypedArrayPrototypeGetLength(lo)) {
        this.#grow(this.#runs * 2);
      }
      const l = this.#lo;
      const h = this.#hi;
      for (let i = this.#runs; i > run + 1; i--) {
        l[i] = l[i - 1];
        h[i] = h[i - 1];
      }
      h[run + 1] = h[run];
      l[run + 1] = n + 1n;
      h[run] = n - 1n;
      this.#runs++;
    }
  }

  #removeRun(run) {
    const lo = this.#lo;
    const hi = this.#hi;
    for (let i = run; i < this.#runs - 1; i++) {
      lo[i] = lo[i + 1];
      hi[i] = hi[i + 1];
    }
    this.#runs--;
  }

  #grow(capacity) {
    const lo = new BigUint64Array(capacity);
    const hi = new BigUint64Array(capacity);
    TypedArrayPrototypeSet(lo, this.#lo, 0);
    TypedArrayPrototypeSet(hi, this.#hi, 0);
    this.#lo = lo;
    this.#hi = hi;
  }
}

/**
 * One stream's window of `size` numbers (a power of two in [64, 65536]) with up to `maxLate`
 * late numbers. `accept(seq)` returns if `seq` (a BigInt in [0, 2^64)) is new and throws
 * Error("rejected: replayed") or Error("rejected: out-of-window") otherwise.
 *
 * The first accepted number f puts f - size + 1 (or 0) at the bottom of the window, the floor:
 * from then on every number at or above it is in the window, accepted, late, or forgotten as
 * late, and nothing below it is ever accepted again.
 */
export class ReplayWindow {
  #bits;
  #size;
  #sizeN;
  #late;
  #top = 0n;
  #any = false;

  constructor(size, maxLate) {
    if (!(size >= 64 && size <= 65536 && (size & (size - 1)) === 0)) {
      throw new Error("otpkit: window must be a power of two in [64, 65536] bits, got " + size);
    }
    if (!(maxLate >= 0 && maxLate <= 65536 && maxLate === (maxLate | 0))) {
      throw new Error("otpkit: maxLate must be in [0, 65536], got " + maxLate);
    }
    this.#size = BigInt(size);
    this.#sizeN = size;
    this.#bits = new Uint32Array(size / 32);
    this.#late = new LateNumbers(maxLate);
  }

  accept(seq) {
    if (!this.#any) {
      this.#any = true;
      this.#top = seq;
      this.#set(seq);
      return;
    }
    const top = this.#top;
    if (seq > top) {
      this.#advanceTo(seq);
      this.#set(seq);
      return;
    }
    if (top - seq >= this.#size) {
      if (this.#late.take(seq)) {
        return;
      }
      throw rejected("out-of-window");
    }
    if (this.#get(seq)) {
      throw rejected("replayed");
    }
    this.#set(seq);
  }

  /** The late numbers (for tests). */
  get late() {
    return this.#late;
  }

  // Every number leaving the window, from top - size + 1 up to min(top, seq - size), is recorded
  // as late unless it was accepted, and its slot is cleared for the number that now takes it.
  // Numbers "below 0" near the start of the number space never existed: nothing to record.
  #advanceTo(seq) {
    const top = this.#top;
    const size = this.#size;
    const distance = seq - top;
    const steps = distance >= size ? this.#sizeN : Number(distance);
    for (let i = 1; i <= steps; i++) {
      const step = BigInt(i);
      const leaving = U64(top - size + step);
      if (!this.#get(leaving) && top >= size - step) {
        this.#late.add(leaving);
      }
      this.#clear(leaving);
    }
    this.#top = seq;
  }

  #slot(seq) {
    return Number(seq & (this.#size - 1n));
  }

  #get(seq) {
    const i = this.#slot(seq);
    return (this.#bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  #set(seq) {
    const i = this.#slot(seq);
    this.#bits[i >>> 5] |= 1 << (i & 31);
  }

  #clear(seq) {
    const i = this.#slot(seq);
    this.#bits[i >>> 5] &= ~(1 << (i & 31));
  }
}
