/**
 * The camera: where the map looks. One name for one concept — "view" in this code base means
 * only what the filters and the timeline show (plan/view-filter.ts); the camera is restored from
 * and written to the URL hash's `view=` key and reported by the public `plan-view-change` event,
 * whose names portals already rely on.
 */
export interface Camera {
  center: [number, number];
  zoom: number;
}

/** A camera move the user made, with the box it shows. */
export interface CameraChange extends Camera {
  bounds: [number, number, number, number];
}
