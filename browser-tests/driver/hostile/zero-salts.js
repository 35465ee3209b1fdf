// A hostile page script that makes every source of randomness a page can reach return the same
// value: zeros (or, once the driver says so, a constant), placed right after the client and again
// at the end of the body.
(() => {
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  H.randomFill = H.randomFill === undefined ? 0 : H.randomFill;
  H.randomCalls = H.randomCalls || 0;
  const fake = function getRandomValues(array) {
    H.randomCalls++;
    const b = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    b.fill(H.randomFill);
    return array;
  };
  for (const target of [Crypto.prototype, crypto]) {
    Object.defineProperty(target, 'getRandomValues', { value: fake, writable: true, configurable: true });
    Object.defineProperty(target, 'randomUUID', { value: () => '00000000-0000-4000-8000-000000000000', writable: true, configurable: true });
  }
  Math.random = () => 0;
})();
