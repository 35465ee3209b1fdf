// One page of a session: a round trip, then each rejection the bridge promises, on both sides.
import { alias, args, call, flip, open, post, ready, receive, run, seal } from './lib.mjs';

run(async (app) => {
  const page = await app.open(args.url);
  const r = { status: page.status, ready: await ready(page) };
  if (r.ready.error) return r;

  const first = await call(page, args.command, 'hello');
  r.roundTrip = { text: first.text, error: first.error };
  // a Uint8Array payload, built in the page
  r.bytes = await page.evaluate(async (command) => {
    try {
      const req = await otpkit.seal(command, new Uint8Array([0x62, 0xc3, 0xa9, 0x62, 0x6f, 0x70]));
      const res = await fetch('/bridge', { method: 'POST', body: JSON.stringify(req) });
      return { text: new TextDecoder().decode(await otpkit.receive(command, await res.json())) };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  }, args.command);

  // UI -> backend: the backend refuses a replay, a tampered envelope and a forged alias
  r.replayedRequest = await post(page, first.request);
  const fresh = (await seal(page, args.command, 'tamper me')).request;
  r.tamperedBody = await post(page, { ...fresh, envelope: flip(fresh.envelope, 50) });
  r.tamperedSalt = await post(page, { ...fresh, envelope: flip(fresh.envelope, 6) });
  r.tamperedLast = await post(page, { ...fresh, envelope: flip(fresh.envelope, Buffer.from(fresh.envelope, 'base64url').length - 1) });
  const genuine = await post(page, fresh);
  r.genuineAfterTampering = { status: genuine.status, error: genuine.body.error };
  const other = (await seal(page, args.command, 'forged alias')).request;
  const forged = other.alias.slice(0, -2) + (other.alias.endsWith('AA') ? 'BA' : 'AA');
  r.forgedAlias = await post(page, { ...other, alias: forged });

  // the page side: no alias, and no seal, for a command off the allowlist
  r.notAllowedAlias = await alias(page, args.notAllowed);
  r.notAllowedSeal = await seal(page, args.notAllowed, "x");

  // backend -> UI: the page refuses a replayed and a tampered reply
  r.replayedReply = await receive(page, args.command, first.reply);
  r.replayedReplyOpen = await open(page, args.command, first.reply.envelope);
  const unopened = (await post(page, (await seal(page, args.command, 'reply')).request)).body;
  r.tamperedReply = await open(page, args.command, flip(unopened.envelope, 50));
  r.tamperedReplyLast = await open(page, args.command,
    flip(unopened.envelope, Buffer.from(unopened.envelope, 'base64url').length - 1));
  r.genuineReplyAfterTampering = await receive(page, args.command, unopened);
  r.pageErrors = app.errors;
  return r;
});
