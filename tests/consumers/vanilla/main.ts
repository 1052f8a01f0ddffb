// The way a portal's own Vite app uses the package: import it, style it, listen to it.
import 'dalian-plan-map/plan-map.css';
import { type PlanReadyDetail, PlanSelectEvent } from 'dalian-plan-map';

const el = document.querySelector('plan-map');
if (!el) throw new Error('no <plan-map>');
// Typed through HTMLElementEventMap: e is a PlanSelectEvent.
el.addEventListener('plan-select', (e) => {
  const id: string | null = e.detail.id;
  document.getElementById('selected')!.textContent = id ?? '';
  console.info(`selected ${id} (${e instanceof PlanSelectEvent})`);
});
el.ready.then((detail: PlanReadyDetail) => {
  document.body.dataset.ready = String(detail.featureCount);
});
