// A page on an origin that is not a secure context must fail at init, with one clear message;
// the same page on loopback (a secure context) works.
import { args, call, ready, run, seal } from './lib.mjs';

run(async (app) => {
  const insecure = await app.open(args.insecureUrl);
  const r = { insecure: {
    status: insecure.status,
    isSecureContext: await insecure.evaluate(() => globalThis.isSecureContext),
    subtle: await insecure.evaluate(() => typeof globalThis.crypto?.subtle),
    ready: await ready(insecure),
    seal: await seal(insecure, args.command, 'x'),
  } };
  const secure = await app.open(args.secureUrl);
  r.secure = {
    status: secure.status,
    isSecureContext: await secure.evaluate(() => globalThis.isSecureContext),
    ready: await ready(secure),
    call: await call(secure, args.command, 'hi'),
  };
  r.pageErrors = app.errors;
  return r;
});
