// Generates custom-elements.json from the class JSDoc of src/plan-map/plan-map.ts (the one place
// the element's API is declared). Run by `npm run analyze` (part of `npm run build`).

/**
 * The JSDoc is the API. The analyzer also guesses: it lists `dispatchEvent(new X(detail))` calls
 * as unnamed events, Lit's internal `{ state: true }` fields as attributes, and every private
 * field with its initialiser (the element's wiring). Drop them.
 */
const keepDeclaredApiOnly = {
  name: 'plan-map:declared-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const dec of mod.declarations ?? []) {
        if (!dec.customElement) continue;
        dec.events = (dec.events ?? []).filter((e) => e.description && e.name);
        dec.attributes = (dec.attributes ?? []).filter((a) => !a.name?.startsWith('_'));
        // Private fields (`#…`: the controllers and their wiring) are no one's API.
        dec.members = (dec.members ?? []).filter(
          (m) => !m.name?.startsWith('_') && !m.name?.startsWith('#') && m.privacy !== 'private',
        );
      }
    }
  },
};

/**
 * The manifest ships in the package, which holds dist/ (the bundler build), not src/: point its
 * paths at the built modules and their declarations (a superclass is referred to as
 * `/src/….js`).
 */
const toDist = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
/** Every `path` and `module` string below `node`, pointed at dist/. */
function pathsToDist(node) {
  if (Array.isArray(node)) {
    for (const n of node) pathsToDist(n);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const isPath = (key === 'path' || key === 'module') && typeof value === 'string';
    if (isPath) node[key] = toDist(value);
    else pathsToDist(value);
  }
}
const pathsInPackage = {
  name: 'plan-map:paths-in-package',
  packageLinkPhase({ customElementsManifest }) {
    pathsToDist(customElementsManifest.modules);
  },
};

export default {
  // The public surface only: the element (with the base class holding its properties), its
  // events and the entry points.
  globs: [
    'src/index.ts',
    'src/define.ts',
    'src/plan-map/plan-map.ts',
    'src/plan-map/plan-map-properties.ts',
    'src/events/*.ts',
  ],
  // CEM_OUTDIR lets the docs test regenerate the manifest elsewhere and compare.
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // package.json's customElements field is written by hand; the docs test must not touch it.
  packagejson: false,
  plugins: [keepDeclaredApiOnly, pathsInPackage],
};
