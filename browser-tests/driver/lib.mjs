// What every driver shares: the connection to the test's Chromium, pages with the client
// delivered as the test asks, and the page-side steps of the bridge (seal, post, receive).
// A driver prints exactly one line of JSON, its result, on stdout.
import { chromium } from 'playwright-core';

export const args = JSON.parse(process.argv[2] ?? '{}');

async function stdinText() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Connects, runs body(app) in a fresh browser context, prints its result. */
export async function run(body) {
  let browser;
  try {
    const documentStart = args.documentStart ? await stdinText() : null;
    browser = await chromium.connectOverCDP(args.cdp);
    const context = await browser.newContext();
    const result = await body(new App(context, documentStart));
    await context.close();
    process.stdout.write(JSON.stringify(result) + '\n');
  } catch (e) {
    process.stderr.write((e && e.stack) || String(e));
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close(); // for a CDP connection this only disconnects
  }
}

export class App {
  constructor(context, documentStart) {
    this.context = context;
    this.documentStart = documentStart;
    this.errors = [];
  }

  /**
   * A new tab on url. In document-start mode the client is registered before it navigates. With
   * args.hideSubtle, a script registered before everything else makes this Chromium an engine
   * like JavaFX's WebKit: a secure context without crypto.subtle, so the client must pick its
   * fallback by feature test (the bundle has no switch to force it).
   */
  async open(url, { inject = true } = {}) {
    const page = await this.context.newPage();
    page.on('pageerror', (e) => this.errors.push(String(e && e.message)));
    const scripts = [];
    if (args.hideSubtle) scripts.push(HIDE_SUBTLE);
    if (this.documentStart !== null && inject) scripts.push(this.documentStart);
    if (scripts.length > 0) {
      const cdp = await this.context.newCDPSession(page);
      await cdp.send('Page.enable');
      for (const source of scripts) await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source });
    }
    const response = await page.goto(url);
    page.status = response ? response.status() : 0;
    return page;
  }
}

const HIDE_SUBTLE = `(() => {
  Object.defineProperty(Crypto.prototype, 'subtle', { get() { return undefined; }, configurable: true });
  delete globalThis.SubtleCrypto;
})();`;

const TIMEOUT = 15000;

/** otpkit.ready settled: {ok: true, backend, document, session} or {error}. */
export function ready(page) {
  return page.evaluate(async (timeout) => {
    if (typeof otpkit === 'undefined') return { error: 'no otpkit global' };
    try {
      await Promise.race([otpkit.ready,
        new Promise((_, reject) => setTimeout(() => reject(new Error('otpkit.ready did not settle')), timeout))]);
      return { ok: true, backend: otpkit.backend, document: otpkit.document, session: otpkit.session };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  }, TIMEOUT);
}

/** otpkit.seal(command, payload): {request: {document, alias, envelope}} or {error}. */
export function seal(page, command, payload) {
  return page.evaluate(async ([command, payload]) => {
    try {
      const r = await otpkit.seal(command, payload);
      return { request: { document: r.document, alias: r.alias, envelope: r.envelope } };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  }, [command, payload]);
}

/** POSTs a request to /bridge from the page: {status, body}. */
export function post(page, request) {
  return page.evaluate(async (request) => {
    const response = await fetch('/bridge', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request),
    });
    return { status: response.status, body: await response.json() };
  }, request);
}

/** otpkit.receive(command, reply) in the page: {text} (the payload as UTF-8) or {error}. */
export function receive(page, command, reply) {
  return opened(page, 'receive', command, reply);
}

/** otpkit.open(command, envelope) in the page: {text} or {error}. */
export function open(page, command, envelope) {
  return opened(page, 'open', command, envelope);
}

function opened(page, method, command, input) {
  return page.evaluate(async ([method, command, input]) => {
    try {
      return { text: new TextDecoder().decode(await otpkit[method](command, input)) };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  }, [method, command, input]);
}

/** otpkit.alias(command): {alias} or {error}. */
export function alias(page, command) {
  return page.evaluate((command) => {
    try {
      return { alias: otpkit.alias(command) };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  }, command);
}

/** Seal, post, receive: {request, response, text} or with {error} at the step that failed. */
export async function call(page, command, payload) {
  const sealed = await seal(page, command, payload);
  if (sealed.error) return { error: 'seal: ' + sealed.error };
  const response = await post(page, sealed.request);
  if (response.status !== 200) return { request: sealed.request, response, error: 'post: ' + response.body.error };
  const opened = await receive(page, command, response.body);
  return { request: sealed.request, reply: response.body, ...opened };
}

/** The envelope text with byte i flipped (all bits), still canonical base64url. */
export function flip(envelope, i) {
  const bytes = Buffer.from(envelope, 'base64url');
  bytes[i] ^= 0xff;
  return bytes.toString('base64url');
}
