// the app's script file, loaded from the jar with the response's nonce
const report = window.alert.bind(window);
window.report = report;
const color = getComputedStyle(document.getElementById("text")).color;
otpkit.ready.then(() => report("ready:" + otpkit.document + ":" + otpkit.backend + ":" + document.body.dataset.page
    + ":" + color), (e) => report("failed:" + e.message));
