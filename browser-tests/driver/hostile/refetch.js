// A hostile page script at the end of the body: asks for the page again, every way a page can,
// and tries to install a service worker that would see the pages to come.
(() => {
  const H = (globalThis.__hostile = globalThis.__hostile || {});
  const base = location.origin + location.pathname;
  const urls = [location.href, document.URL, document.documentURI, base + '?again', base + '#again', base + '/',
    location.origin + '/', location.origin + '/index.html'];
  const modes = [{}, { cache: 'force-cache' }, { cache: 'only-if-cached', mode: 'same-origin' }, { cache: 'no-store' },
    { cache: 'reload' }, { cache: 'no-cache' }, { cache: 'default', credentials: 'include' }];
  H.refetch = (async () => {
    const out = [];
    for (const url of urls) {
      for (const init of modes) {
        try {
          const r = await fetch(url, init);
          out.push({ how: 'fetch ' + JSON.stringify(init), url, status: r.status, body: await r.text() });
        } catch (e) {
          out.push({ how: 'fetch ' + JSON.stringify(init), url, error: String(e && e.message) });
        }
      }
      try {
        const x = new XMLHttpRequest();
        x.open('GET', url, false);
        x.send();
        out.push({ how: 'xhr', url, status: x.status, body: x.responseText });
      } catch (e) {
        out.push({ how: 'xhr', url, error: String(e && e.message) });
      }
    }
    // the page in a frame, read through the same origin
    const frame = document.createElement('iframe');
    frame.src = location.href;
    const framed = new Promise((resolve) => { frame.onload = resolve; setTimeout(resolve, 500); });
    document.body.appendChild(frame);
    await framed;
    try {
      out.push({ how: 'iframe', url: location.href, body: frame.contentDocument ? frame.contentDocument.documentElement.outerHTML : '' });
    } catch (e) {
      out.push({ how: 'iframe', url: location.href, error: String(e && e.message) });
    }
    try {
      const names = await caches.keys();
      out.push({ how: 'CacheStorage', url: '', body: JSON.stringify(names) });
    } catch (e) {
      out.push({ how: 'CacheStorage', url: '', error: String(e && e.message) });
    }
    // a service worker would see the next page's response: register the page itself as one
    try {
      await navigator.serviceWorker.register(location.href);
      out.push({ how: 'serviceWorker', url: location.href, body: 'registered' });
    } catch (e) {
      out.push({ how: 'serviceWorker', url: location.href, error: String(e && e.name) });
    }
    return out;
  })();
})();
