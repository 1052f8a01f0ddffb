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
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: [unknown, Record<string, unknown> | unknown[]][] = [[value, root as never]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    if (Array.isArray(from)) {
      const out = to as unknown[];
      for (const v of from) out.push(copyInto(v, stack));
    } else {
      const out = to as Record<string, unknown>;
      for (const k of Object.keys(from as object)) {
        if (RESERVED_KEYS.has(k)) continue;
        out[k] = copyInto((from as Record<string, unknown>)[k], stack);
      }
    }
  }
  return root as T;
}

function copyInto(v: unknown, stack: [unknown, Record<string, unknown> | unknown[]][]): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
  stack.push([v, copy]);
  return copy;
}
