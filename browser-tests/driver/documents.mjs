// Two documents of one session at once (two tabs), then a third that replaces the first (a
// reload, or under bootstrap a fresh page URL): their messages interleave and each keeps working.
import { args, call, open, post, ready, receive, run, seal } from './lib.mjs';

run(async (app) => {
  const a = await app.open(args.urls[0]);
  const b = await app.open(args.urls[1]);
  const r = { readyA: await ready(a), readyB: await ready(b) };
  if (r.readyA.error || r.readyB.error) return r;

  // interleaved: both seal, the backend answers in the other order, both open
  r.rounds = [];
  for (let i = 0; i < 4; i++) {
    const sa = await seal(a, args.command, 'A' + i);
    const sb = await seal(b, args.command, 'B' + i);
    const pb = await post(b, sb.request);
    const pa = await post(a, sa.request);
    const ob = await receive(b, args.command, pb.body);
    const oa = await receive(a, args.command, pa.body);
    r.rounds.push([oa.text ?? oa.error ?? pa.body.error, ob.text ?? ob.error ?? pb.body.error]);
  }

  // one document's envelopes do not open in the other
  const sa = (await seal(a, args.command, 'cross')).request;
  r.requestUnderOtherDocument = await post(a, { ...sa, document: r.readyB.document });
  const reply = (await post(a, sa)).body;
  r.replyInOtherDocument = await open(b, args.command, reply.envelope);
  r.replyInOwnDocument = await open(a, args.command, reply.envelope);

  // the first tab loads again: a new document, while the second goes on
  const again = await a.goto(args.reloadUrl);
  r.reloadStatus = again ? again.status() : 0;
  r.readyReloaded = await ready(a);
  r.afterReload = [(await call(a, args.command, 'C')).text, (await call(b, args.command, 'B')).text];
  if (args.refusedUrl) {
    const refused = await b.goto(args.refusedUrl);
    r.refusedStatus = refused ? refused.status() : 0;
  }
  r.pageErrors = app.errors;
  return r;
});
