// A hostile page script that reads everything of the document a script can read as text, where
// it stands (right after the client in the head, and at the end of the body) and again when the
// document has loaded: the markup, every script's text, every attribute, storage, the window name,
// and the source text of otpkit's functions.
(() => {
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  const snapshots = (H.snapshots = H.snapshots || []);
  const position = document.currentScript ? document.currentScript.getAttribute('data-position') : 'unknown';
  const snap = (when) => {
    const texts = [];
    for (const s of document.querySelectorAll('script')) texts.push(s.textContent, s.text, s.innerHTML, s.src);
    const attributes = [];
    for (const e of document.querySelectorAll('*')) for (const a of e.attributes) attributes.push(a.name + '=' + a.value);
    const storage = [];
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) storage.push(store.key(i) + '=' + store.getItem(store.key(i)));
    }
    // the client's own functions, as source text
    const sources = [];
    if (typeof otpkit === 'object') {
      for (const k of Reflect.ownKeys(otpkit)) {
        const v = otpkit[k];
        if (typeof v === 'function') sources.push(Function.prototype.toString.call(v));
      }
    }
    snapshots.push({
      when,
      scripts: document.scripts.length,
      texts: [
        document.documentElement.outerHTML,
        new XMLSerializer().serializeToString(document),
        document.head ? document.head.innerHTML : '',
        document.body ? document.body.innerHTML : '',
        ...texts, ...attributes, ...storage,
        document.cookie, window.name, JSON.stringify(history.state),
        ...performance.getEntries().map((e) => e.name), ...sources,
      ],
    });
  };
  snap(position);
  if (position === 'end') {
    document.addEventListener('DOMContentLoaded', () => snap('DOMContentLoaded'));
    window.addEventListener('load', () => snap('load'));
  }
})();
