// A hostile page script, placed as early as a page script can be. It replaces every global and
// prototype method a naive client would call after init with a wrapper that records what passes
// through (this, arguments, results), adds `constructor` getters that see the objects species
// lookups and `await` run on, Object.prototype getters and setters for likely property names,
// structured stack traces whose frames give their functions and receivers, and a
// getRandomValues that returns zeros. It keeps every CryptoKey, byte array, string and function
// source it sees; the driver looks for key material in them.
(() => {
  'use strict';
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const defineProperty = Object.defineProperty;
  const describe = Object.getOwnPropertyDescriptor;
  const ownKeys = Reflect.ownKeys;
  const protoOf = Object.getPrototypeOf;
  const isView = ArrayBuffer.isView;
  const fnToString = Function.prototype.toString;
  const OrigPromise = Promise;
  const promiseThen = Promise.prototype.then;
  const OrigError = Error;
  const OrigMap = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapForEach = Map.prototype.forEach;
  const OrigWeakSet = WeakSet;
  const weakHas = WeakSet.prototype.has;
  const weakAdd = WeakSet.prototype.add;
  const U8 = Uint8Array;
  const TypedArray = protoOf(Uint8Array);
  const taBuffer = describe(TypedArray.prototype, 'buffer').get;
  const taOffset = describe(TypedArray.prototype, 'byteOffset').get;
  const taLength = describe(TypedArray.prototype, 'byteLength').get;
  const dvBuffer = describe(DataView.prototype, 'buffer').get;
  const dvOffset = describe(DataView.prototype, 'byteOffset').get;
  const dvLength = describe(DataView.prototype, 'byteLength').get;
  const abLength = describe(ArrayBuffer.prototype, 'byteLength').get;
  const OrigCryptoKey = globalThis.CryptoKey;
  const OrigDataView = DataView;
  const OrigArrayBuffer = ArrayBuffer;
  const HEX = '0123456789abcdef';
  const origQueueMicrotask = queueMicrotask;

  let busy = false;
  let phase = 'page';
  let draining = false;
  const keys = [];
  const cryptoKeys = [];
  const bytes = new OrigMap();
  const strings = new OrigMap();
  const sources = new OrigMap();
  const touched = new OrigMap();
  const promises = [];
  const errors = [];
  const locked = []; // what the page could not patch: the client locked it
  const known = new OrigWeakSet(); // CryptoKeys and promises already kept
  let stacks = 0;

  const note = (map, key, where) => {
    if (map.size < 20000 && apply(mapGet, map, [key]) === undefined) apply(mapSet, map, [key, where + ' @' + phase]);
  };
  const hex = (view) => {
    let s = '';
    for (let i = 0; i < view.length && i < 65536; i++) s += HEX[view[i] >> 4] + HEX[view[i] & 15];
    return s;
  };
  const bytesOf = (v) => {
    if (v instanceof OrigArrayBuffer) return construct(U8, [v, 0, apply(abLength, v, [])]);
    if (v instanceof OrigDataView) return construct(U8, [apply(dvBuffer, v, []), apply(dvOffset, v, []), apply(dvLength, v, [])]);
    return construct(U8, [apply(taBuffer, v, []), apply(taOffset, v, []), apply(taLength, v, [])]);
  };

  // byte arrays are read again at every sighting (a buffer may be filled after it was first seen);
  // `seen` only stops cycles within one sighting
  function inspect(v, where, depth, seen) {
    const t = typeof v;
    if (t === 'string') {
      if (v.length >= 16) note(strings, v.length > 200000 ? v.slice(0, 200000) : v, where);
      return;
    }
    if (t === 'bigint') {
      note(strings, v.toString(16), where);
      return;
    }
    if ((t !== 'object' && t !== 'function') || v === null) return;
    if (apply(weakHas, seen, [v])) return;
    apply(weakAdd, seen, [v]);
    if (t === 'function') {
      const src = apply(fnToString, v, []);
      if (src.indexOf('[native code]') < 0) note(sources, src, where);
      return;
    }
    if (OrigCryptoKey && v instanceof OrigCryptoKey) {
      if (apply(weakHas, known, [v])) return;
      apply(weakAdd, known, [v]);
      keys[keys.length] = v;
      cryptoKeys[cryptoKeys.length] = { where, phase, type: v.type, extractable: v.extractable,
        algorithm: v.algorithm.name, usages: v.usages.join(',') };
      return;
    }
    if (v instanceof OrigArrayBuffer || isView(v)) {
      const b = bytesOf(v);
      if (b.length >= 16) note(bytes, hex(b), where);
      return;
    }
    if (v instanceof OrigPromise) {
      if (apply(weakHas, known, [v])) return;
      apply(weakAdd, known, [v]);
      if (promises.length < 5000) promises[promises.length] = [v, where, phase];
      return;
    }
    if (v instanceof OrigMap) {
      apply(mapForEach, v, [(value, key) => { inspect(key, where + '<k>', depth + 1, seen); inspect(value, where + '<v>', depth + 1, seen); }]);
      return;
    }
    if (depth >= 4) return;
    const names = ownKeys(v);
    for (let i = 0; i < names.length && i < 512; i++) {
      const d = describe(v, names[i]);
      if (d && 'value' in d) inspect(d.value, where + '.' + String(names[i]), depth + 1, seen);
    }
  }

  // the frames of the code that called a hook: their functions (sloppy-mode ones) and receivers
  function frames(where) {
    if (stacks >= 2000) return;
    stacks++;
    const prepare = OrigError.prepareStackTrace;
    const limit = OrigError.stackTraceLimit;
    OrigError.prepareStackTrace = (e, sites) => sites;
    OrigError.stackTraceLimit = 64;
    let sites;
    try {
      sites = new OrigError().stack;
    } finally {
      OrigError.prepareStackTrace = prepare;
      OrigError.stackTraceLimit = limit;
    }
    if (typeof sites !== 'object') return;
    for (let i = 0; i < sites.length; i++) {
      inspect(sites[i].getFunction(), where + ' frame fn', 0, new OrigWeakSet());
      inspect(sites[i].getThis(), where + ' frame this', 0, new OrigWeakSet());
    }
  }

  function capture(where, self, args, result) {
    if (busy) return;
    busy = true;
    try {
      if (phase === 'client' && !draining) apply(mapSet, touched, [where, (apply(mapGet, touched, [where]) || 0) + 1]);
      const seen = new OrigWeakSet();
      inspect(self, where + ' this', 0, seen);
      if (args) for (let i = 0; i < args.length; i++) inspect(args[i], where + ' arg' + i, 0, seen);
      if (result !== undefined) inspect(result, where + ' result', 0, seen);
      if (phase !== 'page') frames(where);
    } catch (e) {
      if (errors.length < 50) errors[errors.length] = where + ': ' + String(e && e.message);
    } finally {
      busy = false;
    }
  }

  function hookMethod(obj, key, label) {
    const d = describe(obj, key);
    if (!d) return;
    if (!d.configurable) {
      if (typeof d.value === 'function' || d.get) locked[locked.length] = label;
      return;
    }
    if (typeof d.value === 'function') {
      const orig = d.value;
      const wrapper = function (...args) {
        capture(label, this, args);
        const r = new.target ? construct(orig, args, new.target) : apply(orig, this, args);
        capture(label + ' ->', undefined, null, r);
        return r;
      };
      defineProperty(wrapper, 'name', { value: orig.name });
      defineProperty(obj, key, { ...d, value: wrapper });
    } else if (d.get) {
      const get = d.get;
      const set = d.set;
      defineProperty(obj, key, { ...d,
        get() { capture(label, this, null); return apply(get, this, []); },
        set: set && function (v) { capture(label + '=', this, [v]); return apply(set, this, [v]); } });
    }
  }
  function hookAll(obj, label) {
    if (!obj) return;
    const names = ownKeys(obj);
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      if (k === 'constructor' || k === 'prototype' || k === '__proto__' || k === 'caller' || k === 'arguments') continue;
      try {
        hookMethod(obj, k, label + '.' + String(k));
      } catch (e) {
        errors[errors.length] = 'hook ' + label + '.' + String(k) + ': ' + String(e && e.message);
      }
    }
  }
  // `constructor` as a getter: species lookups (then, slice, subarray, map...) and `await` read it
  function constructorGetter(proto, label) {
    const d = describe(proto, 'constructor');
    if (!d.configurable) {
      locked[locked.length] = label + '.constructor';
      return;
    }
    const ctor = d.value;
    defineProperty(proto, 'constructor', { configurable: true, enumerable: false,
      get() { capture(label + '.constructor', this, null); return ctor; },
      set(v) { defineProperty(this, 'constructor', { value: v, writable: true, configurable: true }); } });
  }

  // zeros instead of randomness, wherever the page asks after this point
  const zeros = function getRandomValues(array) {
    capture('Crypto.prototype.getRandomValues', this, [array]);
    const b = bytesOf(array);
    for (let i = 0; i < b.length; i++) b[i] = 0;
    return array;
  };
  for (const [target, key, value, label] of [[Crypto.prototype, 'getRandomValues', zeros, 'Crypto.prototype.getRandomValues'],
    [crypto, 'getRandomValues', zeros, 'crypto.getRandomValues'], [Math, 'random', () => 0, 'Math.random']]) {
    try {
      defineProperty(target, key, { value, writable: true, configurable: true });
    } catch (e) {
      locked[locked.length] = label;
    }
  }

  const ArrayIterator = protoOf([][Symbol.iterator]());
  const StringIterator = protoOf(''[Symbol.iterator]());
  const MapIterator = protoOf(new Map()[Symbol.iterator]());
  const SetIterator = protoOf(new Set()[Symbol.iterator]());
  const targets = [
    [globalThis.SubtleCrypto && SubtleCrypto.prototype, 'SubtleCrypto.prototype'],
    [crypto.subtle, 'crypto.subtle'],
    [Crypto.prototype, 'Crypto.prototype'],
    [globalThis.CryptoKey && CryptoKey.prototype, 'CryptoKey.prototype'],
    [Promise.prototype, 'Promise.prototype'], [Promise, 'Promise'],
    [Object.prototype, 'Object.prototype'], [Object, 'Object'],
    [Function.prototype, 'Function.prototype'], [Reflect, 'Reflect'],
    [Array.prototype, 'Array.prototype'], [Array, 'Array'], [ArrayIterator, 'ArrayIterator'],
    [String.prototype, 'String.prototype'], [String, 'String'], [StringIterator, 'StringIterator'],
    [Number.prototype, 'Number.prototype'], [Number, 'Number'],
    [BigInt.prototype, 'BigInt.prototype'], [BigInt, 'BigInt'],
    [Map.prototype, 'Map.prototype'], [Set.prototype, 'Set.prototype'], [MapIterator, 'MapIterator'],
    [SetIterator, 'SetIterator'], [WeakMap.prototype, 'WeakMap.prototype'], [WeakSet.prototype, 'WeakSet.prototype'],
    [ArrayBuffer.prototype, 'ArrayBuffer.prototype'], [ArrayBuffer, 'ArrayBuffer'],
    [TypedArray.prototype, 'TypedArray.prototype'], [TypedArray, 'TypedArray'],
    [Uint8Array.prototype, 'Uint8Array.prototype'], [Uint8Array, 'Uint8Array'],
    [DataView.prototype, 'DataView.prototype'],
    [TextEncoder.prototype, 'TextEncoder.prototype'], [TextDecoder.prototype, 'TextDecoder.prototype'],
    [Date.prototype, 'Date.prototype'], [Date, 'Date'], [Performance.prototype, 'Performance.prototype'],
    [JSON, 'JSON'], [Math, 'Math'], [RegExp.prototype, 'RegExp.prototype'],
    [Error.prototype, 'Error.prototype'], [Error, 'Error'],
    [Document.prototype, 'Document.prototype'], [Node.prototype, 'Node.prototype'],
    [Element.prototype, 'Element.prototype'], [EventTarget.prototype, 'EventTarget.prototype'],
  ];
  for (const [obj, label] of targets) hookAll(obj, label);
  for (const name of ['atob', 'btoa', 'structuredClone', 'queueMicrotask', 'setTimeout', 'setInterval',
    'encodeURIComponent', 'decodeURIComponent', 'escape', 'unescape', 'parseInt', 'fetch', 'postMessage']) {
    hookMethod(globalThis, name, name);
  }
  for (const [proto, label] of [[Promise.prototype, 'Promise.prototype'], [Uint8Array.prototype, 'Uint8Array.prototype'],
    [TypedArray.prototype, 'TypedArray.prototype'], [ArrayBuffer.prototype, 'ArrayBuffer.prototype'],
    [Array.prototype, 'Array.prototype'], [RegExp.prototype, 'RegExp.prototype']]) {
    constructorGetter(proto, label);
  }
  // constructors replaced in the global scope: `new Uint8Array(key)` and the like
  for (const name of ['Uint8Array', 'ArrayBuffer', 'DataView', 'Promise', 'TextEncoder', 'TextDecoder', 'Map', 'Set']) {
    const target = globalThis[name];
    globalThis[name] = new Proxy(target, {
      construct(t, args, nt) {
        capture('new ' + name, undefined, args);
        return construct(t, args, nt === globalThis[name] ? t : nt);
      },
    });
  }
  // property names a client might read from, or write to, an ordinary object (not the members of
  // WebCrypto's parameter dictionaries: an accessor there counts as present, and importKey fails)
  for (const name of ['key', 'keys', 'root', 'mac', 'enc', 'ctx', 'up', 'down', 'raw', 'secret', 'config',
    'then', 'toJSON', 'bytes', 'state', 'document', 'session']) {
    if (describe(Object.prototype, name)) {
      locked[locked.length] = 'Object.prototype.' + name;
      continue;
    }
    defineProperty(Object.prototype, name, { configurable: true, enumerable: false,
      get() { capture('Object.prototype.' + name + ' get', this, null); return undefined; },
      set(v) {
        capture('Object.prototype.' + name + ' set', this, [v]);
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
      } });
  }
  for (const sym of [Symbol.toPrimitive, Symbol.iterator, Symbol.toStringTag]) {
    if (describe(Object.prototype, sym)) {
      locked[locked.length] = 'Object.prototype[' + String(sym) + ']';
      continue;
    }
    defineProperty(Object.prototype, sym, { configurable: true, enumerable: false,
      get() { capture('Object.prototype[' + String(sym) + '] get', this, null); return undefined; },
      set(v) { defineProperty(this, sym, { value: v, writable: true, configurable: true }); } });
  }

  const settled = (p) => {
    // a promise the caller may await without touching the page's Promise.prototype.constructor
    defineProperty(p, 'constructor', { value: OrigPromise });
    return p;
  };
  // run fn (a call into otpkit) as 'client': its synchronous part, and from the next microtask
  // (after the caller's own synchronous code) until the promise it returns settles
  H.during = (fn) => settled(new OrigPromise((resolve, reject) => {
    phase = 'client';
    let p;
    try {
      p = fn();
    } catch (e) {
      reject(e);
      return;
    } finally {
      phase = 'page';
    }
    let done = false;
    origQueueMicrotask(() => { if (!done) phase = 'client'; });
    const end = () => { done = true; phase = 'page'; };
    busy = true;
    try {
      apply(promiseThen, OrigPromise.resolve(p), [(v) => { end(); resolve(v === null || typeof v !== 'object' ? v : { value: v }); },
        (e) => { end(); reject(e); }]);
    } finally {
      busy = false;
    }
  }));
  // what every promise that passed a hook settled with
  H.drain = () => settled(new OrigPromise((resolve) => {
    let pending = promises.length;
    const done = () => { if (--pending <= 0) resolve(promises.length); };
    if (pending === 0) resolve(0);
    setTimeout(() => resolve(promises.length), 300); // some never settle
    busy = true;
    try {
      for (let i = 0; i < promises.length; i++) {
        const [p, where, at] = promises[i];
        apply(promiseThen, p, [(v) => {
          const was = phase;
          phase = at;
          draining = true;
          capture(where + ' settled', undefined, [v]);
          draining = false;
          phase = was;
          done();
        }, done]);
      }
    } finally {
      busy = false;
    }
  }));
  // a naive client's first steps, as a control that these hooks see what they should: with
  // WebCrypto, import and use a key; without, work on the key bytes with typed-array methods
  H.control = (canary) => {
    phase = 'control';
    return settled(new OrigPromise((resolve, reject) => {
      const key = new Uint8Array(canary);
      if (!crypto.subtle) {
        new DataView(key.buffer).getUint32(0);
        key.reverse();
        key.reverse();
        phase = 'page';
        resolve(true);
        return;
      }
      crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        .then((k) => crypto.subtle.sign('HMAC', k, new TextEncoder().encode('control')))
        .then(() => { phase = 'page'; resolve(true); }, (e) => { phase = 'page'; reject(e); });
    }));
  };
  H.capturedKeys = () => keys;
  H.report = () => {
    const list = (map) => {
      const out = [];
      apply(mapForEach, map, [(where, value) => { out[out.length] = [value, where]; }]);
      return out;
    };
    const counts = {};
    apply(mapForEach, touched, [(n, where) => { counts[where] = n; }]);
    return { cryptoKeys, bytes: list(bytes), strings: list(strings), sources: list(sources), touched: counts,
      promises: promises.length, stacks, errors, locked };
  };
  H.patched = true;
})();
