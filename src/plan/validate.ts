/**
 * Validates one layer file: GeoJSON structure (geojson-validation) and the plan schema.
 * Returns the usable features and the problems found; bad features are left out, never thrown.
 */

import type { Feature, FeatureCollection, Geometry } from 'geojson';
import gjv from 'geojson-validation';
import { issue, type PlanIssue } from './issues.js';
import {
  CORRIDOR_KINDS,
  ITEM_KINDS,
  LAYOUT_KINDS,
  type PlanProps,
  REFERENCE_KINDS,
  STATUSES,
} from './types.js';

const KNOWN_KINDS = new Set<string>([
  ...LAYOUT_KINDS,
  ...ITEM_KINDS,
  ...CORRIDOR_KINDS,
  ...REFERENCE_KINDS,
]);
const ITEM_KIND_SET = new Set<string>(ITEM_KINDS);
const STATUS_SET = new Set<string>(STATUSES);
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface LayerValidation {
  features: Feature<Geometry, PlanProps>[];
  issues: PlanIssue[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Schema problems of one feature's properties (empty when it is usable). */
function schemaIssues(props: Record<string, unknown>, file: string, path: string): PlanIssue[] {
  const id = typeof props.id === 'string' ? props.id : undefined;
  const at = { featureId: id, path };
  const out: PlanIssue[] = [];
  if (!id || !ID_PATTERN.test(id)) {
    out.push(
      issue(
        'bad-id',
        'error',
        file,
        `Feature id ${JSON.stringify(props.id)} is missing or not ASCII kebab-case`,
        `要素 id ${JSON.stringify(props.id)} 缺失或不是 ASCII 短横线格式`,
        at,
      ),
    );
  }
  const kind = props.kind;
  if (typeof kind !== 'string' || !KNOWN_KINDS.has(kind)) {
    out.push(
      issue(
        'unknown-kind',
        'error',
        file,
        `Feature ${id ?? '?'} has unknown kind ${JSON.stringify(kind)}`,
        `要素 ${id ?? '?'} 的类型 ${JSON.stringify(kind)} 未知`,
        at,
      ),
    );
  }
  for (const key of ['name_zh', 'name_en'] as const) {
    if (typeof props[key] !== 'string' || props[key] === '') {
      out.push(
        issue(
          'missing-name',
          'error',
          file,
          `Feature ${id ?? '?'} has no ${key}`,
          `要素 ${id ?? '?'} 缺少 ${key}`,
          at,
        ),
      );
    }
  }
  if (typeof kind === 'string' && ITEM_KIND_SET.has(kind)) {
    if (typeof props.status !== 'string' || !STATUS_SET.has(props.status)) {
      out.push(
        issue(
          'unknown-status',
          'error',
          file,
          `Item ${id ?? '?'} has unknown status ${JSON.stringify(props.status)}`,
          `项目 ${id ?? '?'} 的状态 ${JSON.stringify(props.status)} 未知`,
          at,
        ),
      );
    }
  }
  if (props.sources !== undefined && !Array.isArray(props.sources)) {
    out.push(
      issue(
        'bad-sources',
        'error',
        file,
        `Feature ${id ?? '?'}: sources must be an array`,
        `要素 ${id ?? '?'}:sources 必须是数组`,
        at,
      ),
    );
  }
  return out;
}

/** Fill optional properties the UI relies on, so later stages need no null checks. */
function normalise(props: Record<string, unknown>): PlanProps {
  return {
    ...props,
    sources: Array.isArray(props.sources) ? props.sources : [],
    accuracy: typeof props.accuracy === 'string' ? props.accuracy : 'schematic',
    accuracy_m: typeof props.accuracy_m === 'number' ? props.accuracy_m : 0,
  } as PlanProps;
}

export function validateLayer(data: unknown, file: string): LayerValidation {
  const issues: PlanIssue[] = [];
  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    issues.push(
      issue(
        'not-feature-collection',
        'error',
        file,
        'The file is not a GeoJSON FeatureCollection',
        '文件不是 GeoJSON FeatureCollection',
      ),
    );
    return { features: [], issues };
  }
  const features: Feature<Geometry, PlanProps>[] = [];
  data.features.forEach((raw: unknown, i: number) => {
    const path = `features[${i}]`;
    const props = isRecord(raw) && isRecord(raw.properties) ? raw.properties : {};
    const featureId = typeof props.id === 'string' ? props.id : undefined;
    const geoErrors = gjv.valid(raw, true) as string[];
    if (geoErrors.length > 0) {
      issues.push(
        issue(
          'invalid-geojson',
          'error',
          file,
          `Feature ${featureId ?? `#${i}`} is not valid GeoJSON: ${geoErrors.join('; ')}`,
          `要素 ${featureId ?? `#${i}`} 不是有效的 GeoJSON:${geoErrors.join(';')}`,
          { featureId, path },
        ),
      );
      return;
    }
    const problems = schemaIssues(props, file, `${path}.properties`);
    if (problems.length > 0) {
      issues.push(...problems);
      return;
    }
    const feature = raw as Feature<Geometry, Record<string, unknown>>;
    features.push({ ...feature, properties: normalise(feature.properties) });
  });
  return { features, issues };
}

/** Across the whole plan: ids must be unique; later duplicates are left out. */
export function dropDuplicateIds(
  layers: { file: string; features: Feature<Geometry, PlanProps>[] }[],
): PlanIssue[] {
  const seen = new Map<string, string>();
  const issues: PlanIssue[] = [];
  for (const layer of layers) {
    layer.features = layer.features.filter((f) => {
      const id = f.properties.id;
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push(
          issue(
            'duplicate-id',
            'error',
            layer.file,
            `Feature id ${id} is already used in ${first}; this copy is left out`,
            `要素 id ${id} 已在 ${first} 中使用;此要素未载入`,
            { featureId: id },
          ),
        );
        return false;
      }
      seen.set(id, layer.file);
      return true;
    });
  }
  return issues;
}

export type { FeatureCollection };
