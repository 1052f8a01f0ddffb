// The control page's element is defined only after the page has painted once, so the shift it
// causes is always measurable (otherwise a fast module may run before the first paint).
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    void import('/static/plan-map/plan-map.js');
  }),
);
