// geojson-validation ships no types; only the call we use is declared.
declare module 'geojson-validation' {
  /** With `trace` true, returns the list of problems (empty when valid). */
  function valid(geojson: unknown, trace: true): string[];
  function valid(geojson: unknown, trace?: false): boolean;
  const gjv: { valid: typeof valid };
  export default gjv;
}
