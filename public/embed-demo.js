// Logs every <plan-map> event on the page. Event details are plain data (JSON-safe).
const log = document.getElementById('log');
const EVENTS = ['plan-ready', 'plan-select', 'plan-layer-toggle', 'plan-view-change', 'plan-error'];

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const li = document.createElement('li');
    const source = event.composedPath()[0]?.id ?? '?';
    li.textContent = `${new Date().toLocaleTimeString()} #${source} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(li);
  });
}
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
