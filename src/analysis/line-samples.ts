import { along } from '@turf/along';
import { length } from '@turf/length';
import type { Feature, LineString } from 'geojson';

/** Options for {@link lineSamples}. */
export interface LineSampleOptions {
  /** Target spacing between samples, metres (default 20). */
  spacingM?: number;
  /** Fewest samples, whatever the length (default 8). */
  minSamples?: number;
  /** Most samples, whatever the length (default 256). */
  maxSamples?: number;
}

/** Points along a line that each stand for an equal share of its length. */
export interface LineSamples {
  /** Length of the line, metres. */
  lengthM: number;
  /** Midpoints of `n` equal pieces of the line, [lng, lat] degrees, in order. */
  points: [number, number][];
}

/**
 * Cut a line into equal-length pieces and return the midpoint of each (Turf `along`), so a
 * count of samples inside a zone measures the share of the line's length inside it.
 */
export function lineSamples(
  line: Feature<LineString> | LineString,
  options: LineSampleOptions = {},
): LineSamples {
  const spacingM = options.spacingM ?? 20;
  const minSamples = options.minSamples ?? 8;
  const maxSamples = options.maxSamples ?? 256;
  const feature: Feature<LineString> =
    line.type === 'Feature' ? line : { type: 'Feature', properties: {}, geometry: line };
  const lengthM = length(feature, { units: 'meters' });
  const coords = feature.geometry.coordinates;
  const first = coords[0];
  if (!first) return { lengthM: 0, points: [] };
  if (!(lengthM > 0)) return { lengthM: 0, points: [[first[0]!, first[1]!]] };
  const n = Math.min(maxSamples, Math.max(minSamples, Math.ceil(lengthM / spacingM)));
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const p = along(feature, ((i + 0.5) * lengthM) / n, { units: 'meters' }).geometry.coordinates;
    points.push([p[0]!, p[1]!]);
  }
  return { lengthM, points };
}
