// The package's entry for application code: the `otpkit` object the bridge client installed in
// this document. The client itself is not imported from here: the backend injects it with the
// session's keys (BridgeSession.documentStartScript() or bootstrapPage(html)), before any page
// script, and it defines `globalThis.otpkit` non-writable and non-configurable.

const installed = globalThis.otpkit;
if (installed === undefined) {
  throw new Error(
    "otpkit: the bridge client is not installed in this document (the backend injects it at " +
      "document start, or renders it first in <head>; see the README)",
  );
}

export const otpkit = installed;
export default installed;
