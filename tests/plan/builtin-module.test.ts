/**
 * The built-in plan module (vite.config.ts › builtinPlan) holds what today's rules give for the
 * files in geodata/: the build validated them, so the element does not validate them again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltinPlan } from '../../src/plan/builtin.js';
import { planFromObjects } from '../../src/plan/load.js';
import type { PlanManifest } from '../../src/plan/types.js';

const GEODATA = new URL('../../geodata/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, GEODATA), 'utf8'));

describe('the built-in plan module', () => {
  it('equals planFromObjects run now on the files in geodata/, issues included', async () => {
    const manifest = read('plan.json') as PlanManifest;
    const data: Record<string, unknown> = {};
    for (const l of manifest.layers) data[l.id] = read(l.file);
    if (typeof manifest.unlocated === 'string') data.unlocated = read(manifest.unlocated);
    const now = planFromObjects(manifest, data);
    const built = await loadBuiltinPlan();
    expect(built.plan).not.toBeNull();
    expect(built).toEqual(now);
  });

  it('gives each caller a copy of its own', async () => {
    const [a, b] = await Promise.all([loadBuiltinPlan(), loadBuiltinPlan()]);
    expect(a).toEqual(b);
    expect(a.plan).not.toBe(b.plan);
    expect(a.plan!.layers[0]!.data).not.toBe(b.plan!.layers[0]!.data);
  });
});
