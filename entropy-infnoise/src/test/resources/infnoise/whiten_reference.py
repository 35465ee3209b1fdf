#!/usr/bin/env python3
"""Independent reference for the Infinite Noise whitening sponge (see ../../../../../README.md).

Writes capture-16.bin (16 raw 64-byte blocks: SHA-256 in counter mode over a fixed label) and the
whitened streams whiten-m0.hex (54 bytes per block), whiten-m2.hex (64 bytes per block: one chunk)
and whiten-m5.hex (160 bytes per block: chunks of 128 and 32, each followed by a permutation). It
checks its own Keccak against hashlib's SHA3-256 first. Keccak-f[1600] is written here from
FIPS 202 section 3 with no shared code, so the Java known-answer test checks one implementation
against another. Run: python3 whiten_reference.py (from this folder).
"""
import hashlib

MASK = (1 << 64) - 1


def rol(v, n):
    n %= 64
    return ((v << n) | (v >> (64 - n))) & MASK


def round_constants():
    # FIPS 202 algorithm 5 (rc) and 6: the LFSR x^8 + x^6 + x^5 + x^4 + 1
    out = []
    r = 1
    bits = []
    for _ in range(255):
        bits.append(r & 1)
        r <<= 1
        if r & 0x100:
            r ^= 0x171
    for ir in range(24):
        rc = 0
        for j in range(7):
            t = 7 * ir + j
            if bits[t % 255]:
                rc |= 1 << ((1 << j) - 1)
        out.append(rc)
    return out


RC = round_constants()


def rho_offsets():
    # FIPS 202 algorithm 2: offsets along the (x, y) -> (y, 2x + 3y) walk
    off = [[0] * 5 for _ in range(5)]
    x, y = 1, 0
    for t in range(24):
        off[x][y] = ((t + 1) * (t + 2) // 2) % 64
        x, y = y, (2 * x + 3 * y) % 5
    return off


RHO = rho_offsets()


def keccak_f(a):
    """a[x][y] lanes, in place."""
    for ir in range(24):
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                a[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = rol(a[x][y], RHO[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y])
        a[0][0] ^= RC[ir]


def xor_in(a, data):
    for i, byte in enumerate(data):
        lane = i // 8
        a[lane % 5][lane // 5] ^= byte << (8 * (i % 8))


def extract(a, n):
    out = bytearray()
    for i in range(n):
        lane = i // 8
        out.append((a[lane % 5][lane // 5] >> (8 * (i % 8))) & 0xFF)
    return bytes(out)


def whiten(capture, multiplier):
    a = [[0] * 5 for _ in range(5)]
    out = bytearray()
    for off in range(0, len(capture), 64):
        xor_in(a, capture[off:off + 64])
        keccak_f(a)
        if multiplier == 0:
            out += extract(a, 54)
            continue
        left = 32 * multiplier
        while left:
            chunk = min(128, left)
            out += extract(a, chunk)
            keccak_f(a)
            left -= chunk
    return bytes(out)


def main():
    state = [[0] * 5 for _ in range(5)]
    padded = bytearray(b"abc" + b"\x06" + bytes(132))
    padded[-1] |= 0x80
    xor_in(state, padded)
    keccak_f(state)
    assert extract(state, 32) == hashlib.sha3_256(b"abc").digest(), "Keccak self-check failed"
    capture = b"".join(hashlib.sha256(b"otpkit whitening capture %d" % i).digest() for i in range(32))
    with open("capture-16.bin", "wb") as f:
        f.write(capture)
    for m in (0, 2, 5):
        with open("whiten-m%d.hex" % m, "w") as f:
            f.write(whiten(capture, m).hex() + "\n")


if __name__ == "__main__":
    main()
