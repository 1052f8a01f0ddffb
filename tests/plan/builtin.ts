/** The built-in plan package (geodata/), read and analysed in Node as the element would. */
import { readFileSync } from 'node:fs';
import { planFromObjects } from '../../src/plan/load.js';
import { buildModel, type PlanModel } from '../../src/plan/model.js';
import type { LoadedPlan, PlanManifest } from '../../src/plan/types.js';

const GEODATA = new URL('../../geodata/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, GEODATA), 'utf8'));

export function builtinPlan(): LoadedPlan {
  const manifest = read('plan.json') as PlanManifest;
  const data: Record<string, unknown> = {};
  for (const l of manifest.layers) data[l.id] = read(l.file);
  if (typeof manifest.unlocated === 'string') data.unlocated = read(manifest.unlocated);
  const { plan } = planFromObjects(manifest, data);
  if (!plan) throw new Error('built-in plan did not load');
  return plan;
}

let cached: PlanModel | null = null;
/** Analysed once per test file (read-only: do not mutate). */
export function builtinModel(): PlanModel {
  cached ??= buildModel(builtinPlan());
  return cached;
}
