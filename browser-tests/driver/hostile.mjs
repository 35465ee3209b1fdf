// The hostile-page suite: the page carries hostile scripts (driver/hostile/), the test names the
// attack, and this driver plays the app's part (calls through otpkit), then gathers what the
// hostile scripts got and looks in it for the session's key material. Each attack reports a
// control too: the same capture turned on something it must find, so a blind capture cannot pass.
import { createHmac, hkdfSync } from 'node:crypto';
import { args, call, open, post, ready, run, seal } from './lib.mjs';

/** R and the six keys of one document (hashing/SPEC.md, "Document streams"). */
function keyMaterial(root, session, documentId) {
  const R = Buffer.from(root, 'base64url');
  const D = Buffer.from(session + '.' + documentId, 'utf8');
  const SD = (dir) => Buffer.concat([Buffer.from([D.length >> 8, D.length & 255]), D, Buffer.from([dir])]);
  const keys = [{ name: 'R', bytes: R }];
  for (const dir of [1, 2]) {
    for (const label of ['mac', 'enc', 'ctx']) {
      const info = Buffer.concat([Buffer.from(label), Buffer.from([0]), SD(dir)]);
      keys.push({ name: label + '/' + dir, bytes: Buffer.from(hkdfSync('sha256', R, 'otpkit-envelope-v1', info, 32)) });
    }
  }
  return keys;
}

/** The derivation above is right if it computes the context check of a real envelope. */
function derivationMatches(keys, session, documentId, command, envelope) {
  const D = Buffer.from(session + '.' + documentId, 'utf8');
  const c = Buffer.from(command, 'utf8');
  const C = Buffer.concat([Buffer.from([D.length >> 8, D.length & 255]), D, Buffer.from([1]),
    Buffer.from([c.length >> 8, c.length & 255]), c]);
  const ctx = keys.find((k) => k.name === 'ctx/1').bytes;
  const check = createHmac('sha256', ctx).update(C).digest().subarray(0, 8);
  return check.equals(Buffer.from(envelope, 'base64url').subarray(38, 46));
}

/** Every written form of each key, and of each half of it. */
function forms(keys) {
  const out = [];
  for (const k of keys) {
    for (const [part, b] of [['', k.bytes], [' first half', k.bytes.subarray(0, 16)], [' second half', k.bytes.subarray(16)]]) {
      out.push({ key: k.name + part, form: 'hex', text: b.toString('hex') });
      if (part) continue;
      out.push({ key: k.name, form: 'HEX', text: b.toString('hex').toUpperCase() });
      out.push({ key: k.name, form: 'base64url', text: b.toString('base64url') });
      out.push({ key: k.name, form: 'base64', text: b.toString('base64').replace(/=+$/, '') });
      out.push({ key: k.name, form: 'latin1', text: b.toString('latin1') });
    }
  }
  return out;
}

/** Where any form of any key occurs in [text, where] pairs; hex-only pairs are matched as hex. */
function findKeys(pairs, keyForms, { hexOnly = false } = {}) {
  const found = [];
  for (const [text, where] of pairs) {
    if (typeof text !== 'string') continue;
    for (const f of keyForms) {
      if (hexOnly && f.form !== 'hex') continue;
      if (text.includes(f.text)) found.push({ key: f.key, form: f.form, where });
    }
  }
  return found;
}

/** The app's part: calls that exercise seal, open and receive, a failing open among them. */
async function appTraffic(page, n, during) {
  const texts = [];
  for (let i = 0; i < n; i++) {
    const r = await page.evaluate(async ([command, i, during]) => {
      // the payload is made here, outside the call, so that only otpkit's own work counts as the client's
      const via = async (f) => {
        const x = await (during && globalThis.__hostile && __hostile.during ? __hostile.during(f) : f());
        return x && x.value !== undefined ? x.value : x;
      };
      const payload = i % 2 ? 'message ' + i : new Uint8Array([109, ...String(i).split('').map((c) => c.charCodeAt(0))]);
      const req = await via(() => otpkit.seal(command, payload));
      const res = await fetch('/bridge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
      const reply = await res.json();
      if (!reply.envelope) return 'backend: ' + reply.error;
      const bytes = await via(() => otpkit.receive(command, reply));
      let replay = 'accepted';
      try {
        await via(() => otpkit.open(command, reply.envelope));
      } catch (e) {
        replay = String(e.message);
      }
      return new TextDecoder().decode(bytes) + ' / replay ' + replay;
    }, [args.command, i, during]);
    texts.push(r);
  }
  return texts;
}

const canary = [...Buffer.alloc(32, 0).keys()].map((i) => (0xc0 + i * 7) & 255);

const attacks = {
  // a page script in the head runs only after the client is in place
  async order(page) {
    return { order: await page.evaluate(() => __hostile.order) };
  },

  // patched primordials, Promise and species getters, Object.prototype accessors, stack frames
  async primordials(page, keys) {
    const r = { patched: await page.evaluate(() => __hostile.patched === true) };
    r.traffic = await appTraffic(page, 4, true);
    r.drained = await page.evaluate(() => __hostile.drain());
    r.control = await page.evaluate((canary) => __hostile.control(canary), canary);
    await page.evaluate(() => __hostile.drain());
    const report = await page.evaluate(() => __hostile.report());
    const split = (list) => [list.filter(([, w]) => !w.endsWith('@control')), list.filter(([, w]) => w.endsWith('@control'))];
    const [bytes, controlBytes] = split(report.bytes);
    const [strings, controlStrings] = split(report.strings);
    const [sources] = split(report.sources);
    const keyForms = forms(keys);
    r.found = [...findKeys(bytes, keyForms, { hexOnly: true }), ...findKeys(strings, keyForms), ...findKeys(sources, keyForms)];
    r.cryptoKeys = report.cryptoKeys.filter((k) => k.phase !== 'control');
    const canaryForms = forms([{ name: 'canary', bytes: Buffer.from(canary) }]);
    r.controlFound = {
      cryptoKeys: report.cryptoKeys.filter((k) => k.phase === 'control').length,
      canary: findKeys([...controlBytes, ...controlStrings], canaryForms, { hexOnly: true }).length,
    };
    r.touched = report.touched;
    // control: a call into crypto.subtle made as the client's is seen as touching it
    r.touchControl = await page.evaluate(async () => {
      await __hostile.during(() => (crypto.subtle ? crypto.subtle.digest('SHA-256', new Uint8Array(4)) : new Uint8Array(4).subarray(1)));
      return Object.keys(__hostile.report().touched);
    });
    r.seen = { bytes: report.bytes.length, strings: report.strings.length, sources: report.sources.length,
      promises: report.promises, stacks: report.stacks };
    r.hookErrors = report.errors;
    r.locked = report.locked;
    return r;
  },

  // the markup, script texts, attributes, storage: at each position and after load
  async dom(page, keys) {
    await appTraffic(page, 2, false);
    await page.evaluate(() => new Promise((r) => (document.readyState === 'complete' ? r() : addEventListener('load', r))));
    const snapshots = await page.evaluate(() => __hostile.snapshots);
    const pairs = snapshots.flatMap((s) => s.texts.map((t, i) => [t, s.when + ' #' + i]));
    return {
      positions: snapshots.map((s) => s.when),
      scripts: snapshots.map((s) => s.scripts),
      found: findKeys(pairs, forms(keys)),
      controlFound: pairs.some(([t]) => typeof t === 'string' && t.includes(args.canary)),
    };
  },

  // the page and the document asked for again: fetch (each cache mode), XHR, a frame, CacheStorage
  async refetch(page, keys) {
    await appTraffic(page, 1, false);
    const results = await page.evaluate(() => __hostile.refetch);
    const pairs = results.map((x) => [x.body || '', x.how + ' ' + x.url + ' -> ' + (x.status ?? x.error)]);
    const control = await page.evaluate(async (url) => (await fetch(url)).text(), args.controlUrl);
    return {
      fetched: results.map((x) => ({ how: x.how, url: x.url, status: x.status, error: x.error,
        canary: (x.body || '').includes(args.canary) })),
      found: findKeys(pairs, forms(keys)),
      controlFound: findKeys([[control, 'control']], forms([keys[0]])).length > 0,
    };
  },

  // backend replies made by the page with what it can reach; each must be refused by otpkit.open
  async forge(page, keys) {
    const genuine = await call(page, args.command, 'genuine');
    const r = { control: genuine.text };
    const direction2 = keys.find((k) => k.name === (args.mode === 'ENCRYPTED' ? 'enc/2' : 'mac/2')).bytes;
    const attempts = await page.evaluate(async ([command, replyEnvelope, realKey]) => {
      const out = {};
      const b64 = (b) => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const tryOpen = async (name, envelope) => {
        try {
          const p = await otpkit.open(command, envelope);
          out[name] = 'accepted: ' + new TextDecoder().decode(p);
        } catch (e) {
          out[name] = String(e.message);
        }
      };
      // whatever CryptoKeys the hostile scripts got before this attack imports keys of its own
      const captured = globalThis.__hostile && __hostile.capturedKeys ? [...__hostile.capturedKeys()] : [];
      await tryOpen('control: the genuine reply', replyEnvelope);
      await tryOpen('genuine replayed', replyEnvelope);
      const template = unb64(replyEnvelope);
      const header = (seqBump) => {
        const h = template.slice(0, 50);
        const v = new DataView(h.buffer);
        v.setBigUint64(22, BigInt(Date.now()));
        v.setBigUint64(30, v.getBigUint64(30) + 1000n + BigInt(seqBump));
        crypto.getRandomValues(h.subarray(6, 22));
        return h;
      };
      const encrypted = (template[1] & 1) === 1;
      // C: the context every reply of this document on this channel is bound to
      const name = (t) => { const b = new TextEncoder().encode(t); return [b.length >> 8, b.length & 255, ...b]; };
      const C = new Uint8Array([...name(otpkit.session + '.' + otpkit.document), 2, ...name(command)]);
      const body = new TextEncoder().encode('forged');
      const forgeWith = async (name, key, seqBump) => {
        try {
          await forge(name, key, seqBump);
        } catch (e) {
          out[name] = 'could not forge: ' + String(e && e.message);
        }
      };
      const forge = async (name, key, seqBump) => {
        const h = header(seqBump);
        if (encrypted) {
          new DataView(h.buffer).setUint32(46, body.length + 16);
          const k = key instanceof CryptoKey ? key : await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
          const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: h.slice(6, 18), additionalData: new Uint8Array([...h, ...C]) }, k, body));
          await tryOpen(name, b64(new Uint8Array([...h, ...ct])));
        } else {
          new DataView(h.buffer).setUint32(46, body.length);
          const k = key instanceof CryptoKey ? key : await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
          const tag = new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array([...h, ...C, ...body])));
          await tryOpen(name, b64(new Uint8Array([...h, ...body, ...tag])));
        }
      };
      // a request of this page reflected as a reply
      const sealed = await otpkit.seal(command, 'reflected');
      await tryOpen('reflected request', sealed.envelope);
      // the genuine reply's header (its context check included) on a body under made-up keys
      await forgeWith('zero key, copied context check', new Uint8Array(32), 1);
      await forgeWith('random key, copied context check', crypto.getRandomValues(new Uint8Array(32)), 2);
      // every CryptoKey the hostile scripts got hold of, in each role it allows
      out.capturedKeys = captured.length;
      let n = 3;
      for (const k of captured) {
        const usable = encrypted ? k.algorithm.name === 'AES-GCM' && k.usages.includes('encrypt')
          : k.algorithm.name === 'HMAC' && k.usages.includes('sign');
        if (usable) await forgeWith('captured ' + n + ' ' + k.algorithm.name + ' ' + k.usages, k, n++);
      }
      // control: the same construction under the real direction-2 key must be accepted
      await forgeWith('control: the real key', new Uint8Array(realKey), 100);
      // the reply itself, with one bit of its body flipped, and the genuine reply again
      const flipped = template.slice();
      flipped[50] ^= 1;
      await tryOpen('flipped body', b64(flipped));
      return out;
    }, [args.command, (await post(page, (await seal(page, args.command, 'template')).request)).body.envelope, [...direction2]]);
    r.attempts = attempts;
    r.accepted = Object.entries(attempts).filter(([, v]) => typeof v === 'string' && v.startsWith('accepted')).map(([k]) => k);
    return r;
  },

  // randomness replaced by zeros, then by a constant: the salts the backend receives
  async salts(page) {
    const r = { control: await page.evaluate(() => [...crypto.getRandomValues(new Uint8Array(8))].join(',')) };
    r.document = await page.evaluate(() => otpkit.document);
    r.traffic = await appTraffic(page, 12, false);
    await page.evaluate(() => { __hostile.randomFill = 0x42; });
    r.constantControl = await page.evaluate(() => [...crypto.getRandomValues(new Uint8Array(4))].join(','));
    r.traffic.push(...await appTraffic(page, 12, false));
    r.randomCalls = await page.evaluate(() => __hostile.randomCalls);
    return r;
  },

  // otpkit replaced, redefined, deleted, wrapped or shadowed by a global let
  async replace(page) {
    const r = await page.evaluate(() => ({ ...__hostile.replace, shadowedByLet: __hostile.shadowed === true,
      varKept: typeof otpkit === 'object' && otpkit.fake !== true }));
    r.afterwards = await call(page, args.command, 'still mine');
    const fake = await page.evaluate(async () => {
      try {
        return 'accepted: ' + new TextDecoder().decode(await otpkit.open('echo', 'AQAAAAAA'));
      } catch (e) {
        return String(e.message);
      }
    });
    r.fakeOpen = fake;
    return r;
  },
};

run(async (app) => {
  const page = await app.open(args.url);
  const r = { attack: args.attack, ready: await ready(page) };
  if (r.ready.error) return r;
  const first = await seal(page, args.command, 'derivation check');
  if (first.error) return { ...r, sealFailed: first.error, pageErrors: app.errors };
  const keys = keyMaterial(args.root, r.ready.session, r.ready.document);
  r.derivationChecked = derivationMatches(keys, r.ready.session, r.ready.document, args.command, first.request.envelope);
  await post(page, first.request);
  Object.assign(r, await attacks[args.attack](page, keys));
  r.pageErrors = app.errors;
  return r;
});
