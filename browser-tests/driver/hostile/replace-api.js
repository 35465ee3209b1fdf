// A hostile page script that tries to take otpkit's place: replace, redefine, delete or wrap it.
(() => {
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  const fake = { fake: true, open: async () => new TextEncoder().encode('forged'), seal: async () => ({}) };
  const attempts = {};
  const attempt = (name, f) => {
    try {
      f();
      attempts[name] = 'no error';
    } catch (e) {
      attempts[name] = 'threw ' + (e && e.name);
    }
  };
  const original = globalThis.otpkit;
  attempt('assign global', () => { globalThis.otpkit = fake; });
  attempt('defineProperty global', () => Object.defineProperty(globalThis, 'otpkit', { value: fake }));
  attempt('delete global', () => { delete globalThis.otpkit; });
  attempt('assign open', () => { globalThis.otpkit.open = fake.open; });
  attempt('defineProperty open', () => Object.defineProperty(globalThis.otpkit, 'open', { value: fake.open }));
  attempt('assign ready', () => { globalThis.otpkit.ready = Promise.resolve(); });
  attempt('add property', () => { globalThis.otpkit.extra = 1; });
  attempt('setPrototypeOf', () => Object.setPrototypeOf(globalThis.otpkit, fake));
  attempt('Object.prototype.open', () => { Object.prototype.open = fake.open; });
  H.replace = { attempts, same: globalThis.otpkit === original, fake: globalThis.otpkit && globalThis.otpkit.fake === true };
  delete Object.prototype.open;
})();
