// The first page script: does it run before the client? It records what it finds of otpkit.
(() => {
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  const d = Object.getOwnPropertyDescriptor(globalThis, 'otpkit');
  const me = document.currentScript;
  H.order = {
    defined: d !== undefined,
    configurable: d ? d.configurable : null,
    writable: d ? d.writable : null,
    enumerable: d ? d.enumerable : null,
    frozen: d ? Object.isFrozen(d.value) : null,
    readyIsPromise: d ? d.value.ready instanceof Promise : null,
    firstInHead: document.head.firstElementChild === me,
    scriptsBefore: [...document.scripts].indexOf(me),
  };
})();
