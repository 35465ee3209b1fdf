// The UI's replay window is the Java one (hashing ReplayGuards.Window and LateNumbers): these are
// the cases of hashing/src/test/java/dev/otpkit/hashing/ReplayGuardsTest.java for a window and its
// late list, with the same numbers (Java's signed longs written as the unsigned values they stand
// for: Long.MIN_VALUE is 2^63, -1L is 2^64 - 1).

import { test } from "node:test";
import assert from "node:assert/strict";
import { ReplayWindow, LateNumbers } from "../src/replay-window.js";

const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;

const window = (size, maxLate = size) => new ReplayWindow(size, maxLate);
const accept = (w, ...seqs) => seqs.forEach((s) => w.accept(BigInt(s)));
function reasonOf(w, seq) {
  try {
    w.accept(BigInt(seq));
  } catch (e) {
    return e.message.slice("rejected: ".length);
  }
  return "accepted";
}

test("window accepts each number once, in any order within the window", () => {
  const w = window(64);
  accept(w, 10, 5, 70, 7, 69, 71);
  for (const s of [10, 70, 69, 71]) {
    assert.equal(reasonOf(w, s), "replayed", "seq " + s);
  }
  assert.equal(reasonOf(w, 7), "out-of-window"); // 64 behind 71
  accept(w, 6); // left the window unseen: late, once
  assert.equal(reasonOf(w, 6), "out-of-window");
  accept(w, 8); // 63 behind: inside
  assert.equal(reasonOf(w, 8), "replayed");
});

test("a big jump forgets everything behind the new window", () => {
  const w = window(128);
  accept(w, 1, 1_000_000);
  assert.equal(reasonOf(w, 1), "out-of-window");
  accept(w, 1_000_000 - 127);
  assert.equal(reasonOf(w, 1_000_000 - 127), "replayed");
});

test("the window slides across word boundaries", () => {
  const w = window(256);
  for (let s = 0; s < 1000; s += 3) {
    accept(w, s);
  }
  for (let s = 999 - 255; s < 1000; s++) {
    if (s % 3 === 0) {
      assert.equal(reasonOf(w, s), "replayed", "seq " + s);
    } else {
      accept(w, s);
    }
  }
});

test("sequence numbers are unsigned 64-bit", () => {
  const w = window(64);
  accept(w, TWO63 - 1n, TWO63);
  assert.equal(reasonOf(w, TWO63 - 1n), "replayed");
  accept(w, TWO64 - 1n);
  assert.equal(reasonOf(w, TWO63 - 1n), "out-of-window");
});

test("bad sizes are refused", () => {
  for (const [size, late] of [[100, 100], [192, 192], [32, 32], [131072, 1], [64, -1], [64, 65537], [64, 1.5]]) {
    assert.throws(() => new ReplayWindow(size, late), /^Error: otpkit: (window|maxLate)/, `${size}/${late}`);
  }
  new ReplayWindow(65536, 65536);
  new ReplayWindow(64, 0);
});

test("window edges are exact: W - 1 behind is in, W behind is out", () => {
  const w = window(1024, 0);
  accept(w, 5000, 5000 - 1023);
  assert.equal(reasonOf(w, 5000 - 1024), "out-of-window");
});

test("a slide clears the slots it passes over", () => {
  const w = window(64);
  for (let s = 0; s < 64; s++) accept(w, s);
  accept(w, 100);
  for (let s = 64; s < 100; s++) accept(w, s);
  for (let s = 37; s < 64; s++) {
    assert.equal(reasonOf(w, s), "replayed", "seq " + s);
  }
});

test("late numbers are accepted once, however far behind", () => {
  const w = window(64);
  accept(w, 1000);
  for (let s = 1002; s < 100_000; s++) w.accept(BigInt(s));
  accept(w, 1001);
  assert.equal(reasonOf(w, 1001), "out-of-window");
  assert.equal(reasonOf(w, 1000), "out-of-window");
  assert.equal(reasonOf(w, 5000), "out-of-window");
});

test("the late list is bounded, the lowest forgotten first", () => {
  const w = window(64, 3);
  accept(w, 1000, 2000);
  assert.equal(reasonOf(w, 996), "out-of-window");
  accept(w, 997, 999, 998);
  assert.equal(reasonOf(w, 998), "out-of-window");
});

test("below the floor is out of window", () => {
  const w = window(64);
  accept(w, 1000, 5000);
  assert.equal(reasonOf(w, 936), "out-of-window");
  accept(w, 937);
});

test("the floor is the first window's lowest number", () => {
  const at63 = window(64);
  accept(at63, 63, 1000, 0);
  const at64 = window(64);
  accept(at64, 64, 1000);
  assert.equal(reasonOf(at64, 0), "out-of-window");
  accept(at64, 1);
  const first1000 = window(64);
  accept(first1000, 1000);
  assert.equal(reasonOf(first1000, 0), "out-of-window");
});

test("below zero is nothing: the late run is 0..4, not a wrap from 2^64 - 58", () => {
  const w = window(64);
  accept(w, 5, 1000, 0, 1, 2, 3, 4);
  assert.equal(reasonOf(w, 2), "out-of-window");
  assert.equal(w.late.size, 0);
});

test("the first window of a stream is one run of late numbers", () => {
  const w = window(1024);
  accept(w, 1_000_000, 2_000_000);
  assert.equal(w.late.runs, 1);
  assert.equal(w.late.size, 1023);
});

test("late numbers: runs split and merge", () => {
  const late = new LateNumbers(100);
  for (let n = 10n; n < 20n; n++) late.add(n);
  late.add(30n);
  assert.equal(late.runs, 2);
  assert.equal(late.size, 11);
  assert.equal(late.take(15n), true);
  assert.equal(late.take(15n), false);
  assert.equal(late.runs, 3);
  assert.equal(late.take(10n), true);
  assert.equal(late.take(19n), true);
  assert.equal(late.take(30n), true);
  assert.equal(late.take(20n), false);
  assert.equal(late.take(9n), false);
  assert.equal(late.runs, 2);
  assert.equal(late.size, 7);
  for (const n of [11n, 12n, 13n, 14n, 16n, 17n, 18n]) assert.equal(late.take(n), true, "n " + n);
  assert.equal(late.runs, 0);
  assert.equal(late.size, 0);
});

test("late numbers are unsigned", () => {
  const late = new LateNumbers(10);
  late.add(TWO63 - 1n);
  late.add(TWO63 + 2n);
  late.add(TWO64 - 2n);
  assert.equal(late.take(TWO63 + 2n), true);
  assert.equal(late.take(TWO64 - 2n), true);
  assert.equal(late.take(TWO63 - 1n), true);
  assert.equal(late.size, 0);
});

test("late numbers drop the lowest whole run, and split when the arrays are full", () => {
  const late = new LateNumbers(2);
  late.add(1n);
  late.add(3n);
  late.add(5n);
  assert.equal(late.size, 2);
  assert.equal(late.take(1n), false);
  assert.equal(late.take(3n), true);
  const full = new LateNumbers(100);
  for (const n of [1n, 3n, 5n, 7n, 8n, 9n]) full.add(n);
  assert.equal(full.runs, 4);
  assert.equal(full.take(8n), true);
  assert.equal(full.runs, 5);
  assert.equal(full.take(8n), false);
  for (const n of [1n, 3n, 5n, 7n, 9n]) assert.equal(full.take(n), true, "n " + n);
  assert.equal(full.size, 0);
});

test("a stream of 4096 newer messages does not let an old one open again (the old FIFO's hole)", () => {
  const w = window(1024);
  accept(w, 1);
  for (let s = 2; s < 4200; s++) w.accept(BigInt(s));
  assert.equal(reasonOf(w, 1), "out-of-window");
});
