// @ts-check
import 'dalian-plan-map';

const el = document.createElement('plan-map');
el.lang = 'en';
document.body.append(el);
const out = document.createElement('output');
out.id = 'selected';
document.body.append(out);
el.addEventListener('plan-select', (e) => {
  out.textContent = e.detail.id ?? '';
});
el.ready.then((d) => {
  document.body.dataset.ready = String(d.featureCount);
});
