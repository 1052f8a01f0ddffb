import 'dalian-plan-map';
import 'dalian-plan-map/plan-map.css';
import type { PlanReadyEvent, PlanSelectEvent } from 'dalian-plan-map';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [selected, setSelected] = useState<string | null>(null);
  const [features, setFeatures] = useState<number | null>(null);
  return (
    <main data-ready={features ?? undefined}>
      <h1>Planning map</h1>
      <plan-map
        lang="en"
        selected={selected}
        onplan-select={(e: PlanSelectEvent) => setSelected(e.detail.id)}
        onplan-ready={(e: PlanReadyEvent) => setFeatures(e.detail.featureCount)}
      />
      <output id="selected">{selected ?? ''}</output>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
