// Which backend a document gets, by feature test (never by user agent): WebCrypto where
// crypto.subtle has what the client calls; otherwise the bundled fallback, but only in a secure
// context (JavaFX reports file: and http://127.0.0.1 pages as secure while having no
// crypto.subtle; a browser that hides crypto.subtle does so because the origin is not secure,
// and there the client refuses to run rather than hand keys to a page anyone on the network
// could have altered). One exception, which the Java side asks for: a page the JavaFX adapter
// handed to its engine in process (WebEngine.loadContent), whose address is about:blank. JavaFX
// calls that no secure context because its origin is opaque, yet no network carried it; the
// client checks the address itself, so a page fetched from anywhere never gets the exception.
// Both need the engine's getRandomValues for salts and document ids.

import { Error } from "../intrinsics.js";
import { webCryptoBackend } from "./webcrypto.js";
import { fallbackBackend } from "./fallback.js";

export const NO_USABLE_CRYPTO =
  "otpkit: no usable crypto (needs WebCrypto in a secure context, or the bundled fallback)";

/**
 * The backend for `host` ({getRandomValues, subtle, isSecureContext}, see intrinsics.host).
 * `force` "fallback" selects the fallback whatever the host has (tests, benchmarks).
 * `inProcess` (config "delivery": "in-process") also accepts the fallback in a document at
 * about:blank, which only an in-process load gives the client.
 *
 * @throws Error(NO_USABLE_CRYPTO) if neither can run
 */
export function chooseBackend(host, force, inProcess) {
  if (typeof host.getRandomValues !== "function") {
    throw new Error(NO_USABLE_CRYPTO);
  }
  if (force === "fallback") {
    return fallbackBackend;
  }
  if (host.subtle !== undefined) {
    return webCryptoBackend(host.subtle);
  }
  if (host.isSecureContext === true || (inProcess === true && host.documentUrl === "about:blank")) {
    return fallbackBackend;
  }
  throw new Error(NO_USABLE_CRYPTO);
}
