/**
 * Small guards shared by the loader, the validator, the model and the exports: one definition
 * each (they used to be repeated per module).
 */

/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys that name an `Object.prototype` member (`constructor`, `__proto__`, `toString` …) or
 * `prototype`. Data keys like these break code that reads objects by key — MapLibre's style
 * and expression code among it: a text property named `constructor` made a whole layer vanish,
 * a layer id `constructor` kept the map from loading — and they must never reach an export.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

/**
 * A deep copy of JSON-like data without reserved keys (see {@link RESERVED_KEYS}) at any depth,
 * for exports. Iterative (an explicit stack), so deep nesting cannot overflow the call stack.
 */
export function withoutReservedKeys<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const root = emptyLike(value);
  const stack: [object, Record<string, unknown>][] = [[value, root]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [from, to] = top;
    for (const k of Object.keys(from)) {
      if (!RESERVED_KEYS.has(k)) to[k] = copyInto((from as Record<string, unknown>)[k], stack);
    }
  }
  return root as T;
}

function emptyLike(v: object): Record<string, unknown> {
  return (Array.isArray(v) ? [] : {}) as Record<string, unknown>;
}

/** `v` itself, or an empty copy of an object or array, queued to be filled. */
function copyInto(v: unknown, stack: [object, Record<string, unknown>][]): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const copy = emptyLike(v);
  stack.push([v, copy]);
  return copy;
}
