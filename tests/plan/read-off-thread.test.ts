/**
 * Item files read, parsed and validated in the element's worker (`plan/read-off-thread.ts` on the
 * page, `plan/read-layer.ts` in the worker) give exactly what the page gives reading them itself:
 * the same plan and the same issues, for the built-in package, the large generated layer with
 * refused features, every hostile package, and a plan whose feature budget the layer crosses.
 * The worker here runs in this thread (Node has no Worker); its replies are structured-cloned as
 * a real worker's are. Also: what stays on the page (small or unsized answers, a worker that does
 * not start), and an abort while the worker reads.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_DIR, writeHostileFixtures } from '../../scripts/hostile-fixtures.mjs';
import type { PlanLimits } from '../../src/plan/limits.js';
import { type LoadOptions, loadPlan } from '../../src/plan/load.js';
import { handleReadLayerMessage, isReadLayerRequest } from '../../src/plan/read-layer.js';
import {
  offThreadReader,
  type ReaderWorker,
  WORKER_START_MS,
} from '../../src/plan/read-off-thread.js';
import { LARGE_LAYER_FILE, writeLargeLayerPlan } from '../browser/large-layer.js';
import { GEODATA } from './fake-fetch.js';

/** A worker running read-layer.ts in this thread: `ready` first, replies cloned. */
class InThreadWorker implements ReaderWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  asked = 0;

  /** `fails`: an error event instead of `ready`; `silent`: neither (a script never served). */
  constructor(start: 'ready' | 'fails' | 'silent' = 'ready') {
    setTimeout(() => {
      if (start === 'fails') this.onerror?.({ message: 'no such file' } as ErrorEvent);
      else if (start === 'ready') this.#post({ type: 'ready' });
    }, 0);
  }

  #post(reply: unknown): void {
    const data = structuredClone(reply);
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
    }, 0);
  }

  postMessage(message: unknown): void {
    this.asked++;
    if (!isReadLayerRequest(message)) throw new Error('not a read-layer request');
    void handleReadLayerMessage(message, (reply) => this.#post(reply));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/**
 * A fetch over `folder` (file: or http: URLs by name), streaming each body in 64 KB chunks; with
 * `declare` it sends Content-Length, else none (as a server compressing on the fly).
 */
function folderFetch(folder: string, declare = true): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const name = decodeURIComponent(new URL(String(input)).pathname.split('/').pop() ?? '');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(join(folder, name)));
    } catch {
      return new Response('Not Found', { status: 404 });
    }
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (at >= bytes.byteLength) return ctrl.close();
        ctrl.enqueue(bytes.slice(at, at + 65_536));
        at += 65_536;
      },
    });
    const headers: Record<string, string> = declare
      ? { 'content-length': String(bytes.byteLength) }
      : {};
    return new Response(body, { headers });
  }) as typeof fetch;
}

/**
 * Loads the plan at `url` on the page and through the worker (every item file, or those over
 * `minBytes`); both results and the workers started.
 */
async function bothWays(
  url: string,
  folder: string,
  opts: { limits?: Partial<PlanLimits>; declare?: boolean; minBytes?: number } = {},
) {
  const workers: InThreadWorker[] = [];
  const base: LoadOptions = {
    fetch: folderFetch(folder, opts.declare),
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
  const page = await loadPlan(url, base);
  const readOffThread = offThreadReader(() => {
    const w = new InThreadWorker();
    workers.push(w);
    return w;
  }, opts.minBytes ?? 0);
  const off = await loadPlan(url, { ...base, readOffThread });
  return { page, off, workers };
}

const large = writeLargeLayerPlan(3_000);
afterAll(() => large.remove());

describe('item files read in the worker', () => {
  it('the built-in package: same plan, same issues, its item layer read by a worker', async () => {
    const { page, off, workers } = await bothWays('http://plans.test/p/plan.json', GEODATA);
    expect(page.plan).not.toBeNull();
    expect(off).toEqual(page);
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.every((w) => w.asked === 1 && w.terminated)).toBe(true);
  });

  it('the large generated layer with refused features, duplicates and a crossed budget', async () => {
    const file = join(large.dir, LARGE_LAYER_FILE);
    const text = await readFile(file, 'utf8');
    const bad = [
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[100,10]},"properties":{"id":"far","kind":"project","name_zh":"远","name_en":"Far","status":"planned","sources":[],"accuracy":"approximate"}}',
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[121.52,38.87]},"properties":{"id":"ent-000001","kind":"project","name_zh":"重","name_en":"Twice","status":"planned","category":"digital","sources":[],"accuracy":"approximate"}}',
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[121.5,38.9]},"properties":{"id":"x","kind":"project","name_en":"No Chinese name"}}',
    ];
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, text.replace('"features":[\n', `"features":[\n${bad.join(',\n')},\n`));
    const url = 'http://plans.test/large/plan.json';
    const { page, off, workers } = await bothWays(url, large.dir);
    expect(page.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['outside-extent', 'duplicate-id']),
    );
    expect(off).toEqual(page);
    expect(workers.some((w) => w.asked === 1)).toBe(true);
    // No Content-Length: the page reads the first 100 KB, then hands them and the rest over.
    const unsized = await bothWays(url, large.dir, { declare: false, minBytes: 100_000 });
    expect(unsized.off).toEqual(page);
    expect(unsized.workers).toHaveLength(1);
    expect(unsized.workers[0]!.asked).toBe(1);
    // The plan's budget: the generated layer is the one that crosses it.
    const over = await bothWays(url, large.dir, { limits: { maxFeaturesTotal: 2_000 } });
    expect(over.page.issues.map((i) => i.code)).toContain('too-many-features');
    expect(over.off).toEqual(over.page);
    // Over the per-layer limit: a large layer either way.
    const huge = await bothWays(url, large.dir, { limits: { maxFeaturesPerLayer: 1_000 } });
    expect(huge.page.plan?.layers.find((l) => l.large)).toBeDefined();
    expect(huge.off).toEqual(huge.page);
  });

  const cases = writeHostileFixtures(join(HOSTILE_DIR, 'read-off-thread'));
  it.each(cases.map((c) => [`${c.class}--${c.name}`, c] as const))(
    'hostile %s: same plan and issues',
    async (_name, c) => {
      const url = pathToFileURL(join(c.folder, 'plan.json')).href;
      const { page, off } = await bothWays(url, c.folder);
      expect(off).toEqual(page);
    },
  );

  it('small answers stay on the page; after a worker fails to start, the reader leaves files to the page', async () => {
    const made: InThreadWorker[] = [];
    const reader = offThreadReader(() => {
      const w = new InThreadWorker();
      made.push(w);
      return w;
    });
    const url = 'http://plans.test/p/plan.json';
    const page0 = await loadPlan(url, { fetch: folderFetch(GEODATA) });
    const sized = await loadPlan(url, { fetch: folderFetch(GEODATA), readOffThread: reader });
    expect(sized).toEqual(page0);
    // Without Content-Length too: each body ends before OFF_THREAD_MIN_BYTES (the largest
    // built-in file has 59 KB), and is read on the page from the chunks already read.
    const unsized = await loadPlan(url, {
      fetch: folderFetch(GEODATA, false),
      readOffThread: reader,
    });
    expect(unsized).toEqual(page0);
    expect(made).toHaveLength(0);
    let starts = 0;
    const failing = offThreadReader(() => {
      starts++;
      return new InThreadWorker('fails');
    }, 0);
    const page = await loadPlan(url, { fetch: folderFetch(GEODATA) });
    const fellBack = await loadPlan(url, { fetch: folderFetch(GEODATA), readOffThread: failing });
    expect(fellBack).toEqual(page);
    // The item files arrive together: each may have tried before the first failure was known.
    expect(starts).toBeGreaterThan(0);
    const tried = starts;
    const again = await loadPlan(url, { fetch: folderFetch(GEODATA), readOffThread: failing });
    expect(again).toEqual(page);
    expect(starts).toBe(tried);
    // An unsized answer whose first chunks the page read before the worker failed: read whole.
    const late = offThreadReader(() => new InThreadWorker('fails'), 1_000);
    const lateRead = await loadPlan(url, {
      fetch: folderFetch(GEODATA, false),
      readOffThread: late,
    });
    expect(lateRead).toEqual(page);
  });

  it('a worker that does not start within WORKER_START_MS: the page reads the file', async () => {
    const silent: InThreadWorker[] = [];
    const reader = offThreadReader(() => {
      const w = new InThreadWorker('silent');
      silent.push(w);
      return w;
    }, 0);
    const url = 'http://plans.test/large/plan.json';
    const page = await loadPlan(url, { fetch: folderFetch(large.dir) });
    const t0 = performance.now();
    const off = await loadPlan(url, { fetch: folderFetch(large.dir), readOffThread: reader });
    expect(off).toEqual(page);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(WORKER_START_MS - 50);
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.every((w) => w.terminated && w.asked === 0)).toBe(true);
  }, 20_000);

  it('an abort while the worker reads rejects with its reason and ends the worker', async () => {
    const made: InThreadWorker[] = [];
    const ctrl = new AbortController();
    const reader = offThreadReader(() => {
      const w = new InThreadWorker();
      made.push(w);
      // Abort once the body is the worker's.
      const post = w.postMessage.bind(w);
      w.postMessage = (m) => {
        post(m);
        ctrl.abort(new Error('replaced'));
      };
      return w;
    }, 0);
    const url = 'http://plans.test/large/plan.json';
    await expect(
      loadPlan(url, { fetch: folderFetch(large.dir), readOffThread: reader, signal: ctrl.signal }),
    ).rejects.toThrow('replaced');
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});
