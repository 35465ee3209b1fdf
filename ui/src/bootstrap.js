// The first statements of the bundle. The Java side replaces the placeholder below with the
// session's configuration (ui-contract, "Config"). In the inline-first bootstrap the page's HTML
// carries this script, keys included, as the first element of <head>: before anything else runs,
// the script takes its own element out of the document, so that no page script can read it
// from the DOM.

export const config = OTPKIT_CONFIG;

if (config !== null && typeof config === "object" && config.bootstrap === true) {
  const script = document.currentScript;
  if (script !== null && script !== undefined) {
    script.remove();
    script.text = "";
  }
}
