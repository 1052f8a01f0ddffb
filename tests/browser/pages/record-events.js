// Records <plan-map> events and CSP violations on window.__events / window.__violations.
// A file, not an inline script, so the strict-CSP pages can load it.
window.__events = [];
window.__violations = [];
for (const type of [
  'plan-ready',
  'plan-select',
  'plan-layer-toggle',
  'plan-view-change',
  'plan-error',
  'plan-filter-change',
]) {
  document.addEventListener(type, (e) => {
    const host = e.composedPath()[0];
    window.__events.push({
      type,
      target: host?.id ?? null,
      detail: JSON.parse(JSON.stringify(e.detail)),
    });
  });
}
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
});
