/**
 * Size and time limits of the loader. Past a limit the file, layer or feature is refused with an
 * issue (see `ISSUE_CODES`), so a huge or hostile file gives a message, not a frozen tab.
 * The built-in plan is far below every limit (largest file 59 KB, 39 features per layer,
 * 872 vertices per feature); a 100,000-point layer (≈ 28 MB) is within them and is read,
 * parsed and validated in the element's worker (`read-off-thread.ts`; on the page, in steps
 * that yield to it, where no worker starts).
 */
export interface PlanLimits {
  /** Largest manifest or layer file, bytes (checked on Content-Length and while reading). */
  maxFileBytes: number;
  /** Most layers in a manifest; the rest are skipped. */
  maxLayers: number;
  /**
   * Most features in one layer file held on the main thread. A larger item layer loaded from a
   * URL becomes a *large layer* (see `maxLargeLayerFeatures`); any other larger file is refused.
   */
  maxFeaturesPerLayer: number;
  /**
   * Most features in a large item layer: one over `maxFeaturesPerLayer` features or
   * `maxFileBytes` bytes, which MapLibre draws from its URL (clustered) and a worker reads,
   * validates and counts per zone; the main thread never holds its features.
   */
  maxLargeLayerFeatures: number;
  /** Largest large-layer file, bytes (read only by the worker). */
  maxLargeLayerBytes: number;
  /** Most features in the whole plan; the layer that crosses it is refused. */
  maxFeaturesTotal: number;
  /** Most positions in one feature. */
  maxVerticesPerFeature: number;
  /** Most positions in one layer file. */
  maxVerticesPerLayer: number;
  /** Longest `name_zh` / `name_en`, characters; longer names are truncated. */
  maxNameChars: number;
  /** Longest other text property, characters; longer texts are truncated. */
  maxTextChars: number;
  /** Time allowed for one file to arrive completely, milliseconds. */
  fetchTimeoutMs: number;
  /** Margin around the manifest bbox inside which every position must lie, degrees. */
  extentMarginDeg: number;
  /** Issues listed per file and code; the rest are counted in one summary issue. */
  maxIssuesPerCode: number;
}

export const LIMITS: Readonly<PlanLimits> = Object.freeze({
  maxFileBytes: 64 * 1024 * 1024,
  maxLayers: 64,
  maxFeaturesPerLayer: 200_000,
  maxLargeLayerFeatures: 1_000_000,
  maxLargeLayerBytes: 512 * 1024 * 1024,
  maxFeaturesTotal: 250_000,
  maxVerticesPerFeature: 50_000,
  maxVerticesPerLayer: 2_000_000,
  maxNameChars: 200,
  maxTextChars: 5_000,
  fetchTimeoutMs: 30_000,
  extentMarginDeg: 0.5,
  maxIssuesPerCode: 25,
});

export function resolveLimits(overrides: Partial<PlanLimits> = {}): PlanLimits {
  return { ...LIMITS, ...overrides };
}
