import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load.js';

const GEODATA = join(import.meta.dirname, '../../geodata');

/** A fetch over the repo's geodata/ folder (no network), with optional overrides by file name. */
function fakeFetch(overrides: Record<string, () => Response> = {}): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const name = new URL(String(input)).pathname.split('/').pop()!;
    const override = overrides[name];
    if (override) return override();
    try {
      return new Response(readFileSync(join(GEODATA, name)), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

const URL_ = 'http://plans.test/dalian/plan.json';

describe('loadPlan', () => {
  it('loads the built-in plan with every layer and no errors', async () => {
    const r = await loadPlan(URL_, { fetch: fakeFetch() });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.plan?.layers.map((l) => l.spec.id)).toContain('clusters');
    expect(r.plan?.layers.every((l) => l.data.features.length > 0)).toBe(true);
  });

  it('a missing manifest is an http-error naming the URL, not a throw', async () => {
    const r = await loadPlan(URL_, {
      fetch: fakeFetch({ 'plan.json': () => new Response('', { status: 404 }) }),
    });
    expect(r.plan).toBeNull();
    expect(r.issues).toMatchObject([{ code: 'http-error', file: URL_ }]);
  });

  it('an HTML error page instead of JSON is reported as not-json', async () => {
    const r = await loadPlan(URL_, {
      fetch: fakeFetch({
        'clusters.geojson': () => new Response('<html>502</html>', { status: 200 }),
      }),
    });
    expect(r.issues.map((i) => i.code)).toEqual(['not-json']);
    expect(r.issues[0]!.file).toBe('http://plans.test/dalian/clusters.geojson');
    // The other layers still load.
    expect(
      r.plan?.layers.find((l) => l.spec.id === 'center')?.data.features.length,
    ).toBeGreaterThan(0);
    expect(r.plan?.layers.find((l) => l.spec.id === 'clusters')?.data.features).toEqual([]);
  });

  it('a network failure is reported as fetch-failed', async () => {
    const r = await loadPlan(URL_, {
      fetch: fakeFetch({
        'labs.geojson': () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    });
    expect(r.issues).toMatchObject([
      { code: 'fetch-failed', file: 'http://plans.test/dalian/labs.geojson' },
    ]);
  });

  it('a manifest without layers is refused with bad-manifest', async () => {
    const r = await loadPlan(URL_, {
      fetch: fakeFetch({ 'plan.json': () => new Response('{"title":{"zh":"x","en":"x"}}') }),
    });
    expect(r.plan).toBeNull();
    expect(r.issues.map((i) => i.code)).toContain('bad-manifest');
  });
});
