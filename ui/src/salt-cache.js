// The salt cache of SPEC.md ("Salt cache"), as the Java side's ReplayGuards.SaltCache: salts
// remembered until their envelope's expiry, at most `maxSalts`, failing closed when full. A page
// keeps one sequence window per document and needs no salt cache; openers built for the test
// vectors use it, so the opener here covers every case of the format. Not part of the bundle.

import { Map, Error, MapPrototypeGet, MapPrototypeSet, MapPrototypeGetSize, uncurryThis } from "./intrinsics.js";
import { toBase64Url } from "./bytes.js";

const MapPrototypeDelete = uncurryThis(Map.prototype.delete);
const MapPrototypeForEach = uncurryThis(Map.prototype.forEach);

export class SaltCache {
  #max;
  #expiries = new Map();

  constructor(maxSalts) {
    if (!(maxSalts >= 1)) {
      throw new Error("otpkit: maxSalts must be positive, got " + maxSalts);
    }
    this.#max = maxSalts;
  }

  /** Records `salt` (expiring at `expiresAt`), or throws rejected: replayed / replay-state-full. */
  accept(salt, expiresAt, now) {
    const key = toBase64Url(salt);
    const known = MapPrototypeGet(this.#expiries, key);
    if (known !== undefined && known >= now) {
      throw new Error("rejected: replayed");
    }
    if (known !== undefined || MapPrototypeGetSize(this.#expiries) >= this.#max) {
      // entries whose expiry is before now (the Java side drops them lowest expiry first; the
      // set dropped is the same)
      const expiries = this.#expiries;
      MapPrototypeForEach(expiries, (at, k) => {
        if (at < now) {
          MapPrototypeDelete(expiries, k); // deleting the visited entry is allowed in forEach
        }
      });
      if (MapPrototypeGetSize(this.#expiries) >= this.#max) {
        throw new Error("rejected: replay-state-full");
      }
    }
    MapPrototypeSet(this.#expiries, key, expiresAt);
  }
}
