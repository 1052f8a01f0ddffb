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
// Layout shifts (Cumulative Layout Shift, as Lighthouse sums them), from the page's start.
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({ type: 'layout-shift', buffered: true });
