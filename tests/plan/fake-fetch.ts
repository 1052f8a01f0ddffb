/**
 * A `fetch` over the repository's geodata/ folder (no network), with per-file overrides: a
 * body, a status, a network error, a request that never answers, a huge streamed body.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GEODATA = join(import.meta.dirname, '../../geodata');
export const PLAN_URL = 'http://plans.test/dalian/plan.json';

export type Respond =
  | { status?: number; body?: string }
  | { bodyBase64: string }
  | { networkError: string }
  | { hang: true }
  | { streamBytes: number }
  | { contentLength: number };

export function readGeodata(name: string): string {
  return readFileSync(join(GEODATA, name), 'utf8');
}

function respond(r: Respond, signal?: AbortSignal | null): Promise<Response> {
  if ('bodyBase64' in r) {
    return Promise.resolve(new Response(Buffer.from(r.bodyBase64, 'base64'), { status: 200 }));
  }
  if ('networkError' in r) return Promise.reject(new TypeError(r.networkError));
  // Never settles, and ignores the signal: the loader must time out on its own.
  if ('hang' in r) return new Promise<Response>(() => {});
  if ('streamBytes' in r) {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (signal?.aborted || sent >= r.streamBytes) return ctrl.close();
        sent += chunk.byteLength;
        ctrl.enqueue(chunk);
      },
    });
    return Promise.resolve(new Response(body, { status: 200 }));
  }
  if ('contentLength' in r) {
    return Promise.resolve(
      new Response('{}', { status: 200, headers: { 'content-length': String(r.contentLength) } }),
    );
  }
  return Promise.resolve(
    new Response(('body' in r ? r.body : undefined) ?? '', {
      status: ('status' in r ? r.status : undefined) ?? 200,
    }),
  );
}

/** Files by name: an override (a body or a behaviour), else geodata/, else 404. */
export function fakeFetch(
  overrides: Record<string, string | Respond | (() => Response | Promise<Response>)> = {},
): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const name = new URL(String(input)).pathname.split('/').pop() ?? '';
    calls.push(name);
    const o = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (typeof o === 'function') return o();
    if (typeof o === 'string') return new Response(o, { status: 200 });
    if (o) return respond(o, init?.signal);
    try {
      return new Response(readGeodata(name), { status: 200 });
    } catch {
      return new Response('Not Found', { status: 404 });
    }
  }) as typeof fetch & { calls: string[] };
  f.calls = calls;
  return f;
}
