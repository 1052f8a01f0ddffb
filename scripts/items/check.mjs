#!/usr/bin/env node
// @ts-check
/**
 * `npm run check:items`: the item checks of checks.mjs on geodata/ (or $GEODATA_DIR), printed;
 * exit 1 on any failure. `--report` also prints the items found in each zone. The same checks
 * run in `npm test` (tests/data/items.test.ts).
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/geodata.mjs';
import { loadSourceModules } from '../lib/source-modules.mjs';
import { checkItems } from './checks.mjs';

const [vocab] = /** @type {[import('./checks.mjs').CheckVocab]} */ (
  /** @type {unknown} */ (await loadSourceModules(['/src/plan/types.ts']))
);
const r = checkItems({
  geodata: process.env.GEODATA_DIR || join(REPO_ROOT, 'geodata'),
  seedsDir: process.env.SEEDS_DIR || join(REPO_ROOT, '..', 'shared', 'seeds'),
  vocab,
});
if (process.argv.includes('--report')) {
  console.log('Items per zone (by position; * = the item names this zone in `zone`):');
  for (const l of r.report) console.log(l);
}
for (const w of r.warnings) console.log(`warning: ${w}`);
for (const m of r.failures) console.log(`FAIL: ${m}`);
console.log(
  `check-items: ${r.features} features, ${r.unlocated} unlocated — ${r.failures.length} failure(s), ${r.warnings.length} warning(s)`,
);
process.exit(r.failures.length ? 1 : 0);
