/**
 * Pure spatial analysis of a plan: areas, zone membership (indexed), the industrial corridor,
 * per-zone roll-ups. No DOM, no map: runs in Node, the browser and a Web Worker.
 */
export { areaKm2 } from './area';
export {
  type CorridorMeasures,
  type CorridorNodeMeasure,
  type CorridorSegment,
  corridorMeasures,
  distanceToCorridorM,
  itemsNearCorridor,
} from './corridor';
export { type LineSampleOptions, type LineSamples, lineSamples } from './line-samples';
export {
  assignZones,
  DEFAULT_NEAREST_WITHIN_M,
  type ItemLikeProps,
  type Membership,
  type MembershipItem,
  type MembershipMethod,
  type MembershipOptions,
  zoneIndexOfPoints,
  zoneOfPoints,
  zoneOfPointsNaive,
} from './membership';
export { type RollupItemProps, rollupByZone, rollupPairs, type ZoneRollup } from './rollup';
export {
  distanceLineToZoneM,
  distanceToZoneM,
  type NearestZone,
  nearestZone,
  nearestZoneToLine,
  nearestZoneTurf,
} from './zone-distance';
export { buildZoneEdges, EDGE_INDEX_MAX_M, type ZoneEdges } from './zone-edges';
export {
  CELL_NONE,
  CELL_TEST,
  CELL_ZONE0,
  DEFAULT_GRID_CELLS,
  GRID_MARGIN_DEG,
  gridCellsFor,
  type ZoneGrid,
} from './zone-grid';
export {
  ancestorsOf,
  buildZoneIndex,
  type IndexedZone,
  isArealZone,
  type SkippedZone,
  type ZoneIndex,
  type ZoneIndexOptions,
  type ZoneInput,
  type ZoneLikeProps,
  zoneById,
  zoneIndicesAtPoint,
  zonesAtPoint,
} from './zone-index';
