/**
 * The map's life in the element: created once there is a plan and the element is connected,
 * near the viewport (WebGL contexts are scarce) and has a size; rebuilt for another model or
 * basemap; removed when the element leaves the page. Everything that goes wrong with it — a
 * MapLibre error, a basemap style that fails (the plan is then drawn on the offline basemap),
 * a worker that does not start, no WebGL, a map that never finishes drawing, an exception —
 * becomes a coded issue instead of a blank element.
 */
import type { ReactiveController } from 'lit';
import type { Basemap } from '../map/basemap.js';
import type { Camera, CameraChange } from '../map/camera.js';
import type { Bounds, Padding } from '../map/fit.js';
import type { MapState } from '../map/style.js';
import type { PlanIssue } from '../plan/issues.js';
import type { PlanModel } from '../plan/model.js';
import type { ItemStatus, LoadedPlan } from '../plan/types.js';
import {
  type Activity,
  basemapFailedIssue,
  drawTimeoutIssue,
  internalIssue,
  MAP_DRAW_TIMEOUT_MS,
  mapCreationIssue,
  mapErrorIssue,
  workerFailedIssue,
} from './failures.js';
import { MapController, type MapErrorInfo } from './map-controller.js';
import { mark } from './timing.js';

/** Distance from the viewport within which the map is created. */
const NEAR_VIEWPORT_MARGIN = '300px';

export interface MapLifecycleOptions {
  /** The element (observed for its size and for nearing the viewport). */
  host: HTMLElement & { addController(c: ReactiveController): void; requestUpdate(): void };
  model(): PlanModel | null;
  /** The map's container, once rendered. */
  container(): HTMLElement | null;
  basemap(): Basemap;
  cooperative(): boolean;
  state(): MapState;
  statuses(): ReadonlyMap<string, ItemStatus> | null;
  /** The user clicked a feature (or nothing). */
  pick(id: string | null): void;
  /** The user moved the camera. */
  userCameraChange(change: CameraChange): void;
  /** The camera moved (user or code). */
  cameraMoved(): void;
  /** Lists an issue (deduplicated by code and `key`). */
  report(found: PlanIssue, key?: string): void;
  /** The map cannot draw at all: `ready` rejects with this. */
  fail(message: string, found: PlanIssue): void;
  /** `model` is drawn: every source loaded, the first frame painted. */
  drawn(model: PlanModel): void;
  /** Where the first plan is fitted (the phone layout leaves room for its sheet). */
  initialFit(plan: LoadedPlan): { bounds: Bounds; padding: Padding | number };
  /** The plan of a load validated but not yet analysed (drawn meanwhile), else null. */
  validatedPlan(): LoadedPlan | null;
}

export class MapLifecycleController implements ReactiveController {
  /** Whether the WebGL context is lost (the map shows a "paused" overlay). */
  paused = false;
  readonly #opts: MapLifecycleOptions;
  #controller: MapController | null = null;
  #near = false;
  /** The `basemap` style failed: the map is drawn on the offline basemap until it changes. */
  #fallback = false;
  /** Where the next map opens (kept from the last one, or restored from the URL). */
  #camera: Camera | null = null;
  #drawTimer: ReturnType<typeof setTimeout> | null = null;
  #resize: ResizeObserver | null = null;
  #intersection: IntersectionObserver | null = null;

  constructor(opts: MapLifecycleOptions) {
    this.#opts = opts;
    opts.host.addController(this);
  }

  /** The map controller, once the map is created. */
  get controller(): MapController | null {
    return this.#controller;
  }

  hostConnected(): void {
    const host = this.#opts.host;
    this.#resize = new ResizeObserver(() => {
      this.#controller?.resize();
      this.ensure();
    });
    this.#resize.observe(host);
    this.#intersection = new IntersectionObserver(
      (entries) => {
        this.#near = entries.some((e) => e.isIntersecting);
        this.ensure();
      },
      { rootMargin: NEAR_VIEWPORT_MARGIN },
    );
    this.#intersection.observe(host);
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#intersection?.disconnect();
    this.#intersection = null;
    this.#near = false;
    this.destroy();
  }

  /** The basemap attributes changed: the map is removed, and the next one tries the page's basemap. */
  basemapChanged(): void {
    this.#fallback = false;
    this.destroy();
  }

  /** Shows this camera: now if the map exists, else when it is created. */
  jumpTo(camera: Camera): void {
    if (this.#controller) this.#controller.jumpTo(camera);
    else this.#camera = camera;
  }

  /** Where the camera is (or will open), if known. */
  camera(): Camera | null {
    return this.#controller?.getCamera() ?? this.#camera;
  }

  /** Applies the element's state to the map (statuses too when the year or filter changed). */
  update(statusesChanged: boolean): void {
    const controller = this.#controller;
    if (!controller) return;
    this.guard('updating the map', () => {
      controller.update(this.#opts.state());
      if (statusesChanged) controller.setStatuses(this.#opts.statuses());
    });
  }

  /** Runs map work; an exception becomes an `internal-error` issue instead of a broken element. */
  guard(where: Activity, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (err) {
      this.#opts.report(internalIssue(where, err));
      return false;
    }
  }

  /** Removes the map; the next one opens where this one was, if it had drawn a plan. */
  destroy(): void {
    const controller = this.#controller;
    if (controller?.model) this.#camera = controller.getCamera();
    this.#controller = null;
    this.#setPaused(false);
    if (this.#drawTimer) clearTimeout(this.#drawTimer);
    this.#drawTimer = null;
    if (controller) this.guard('removing the map', () => controller.destroy());
  }

  /**
   * Creates the map as soon as the element is connected, near the viewport and has a size —
   * before its plan has arrived: the plan is drawn over it when it has (see {@link show}).
   */
  ensure(): void {
    if (this.#controller || !this.#opts.host.isConnected || !this.#near) return;
    const container = this.#opts.container();
    if (!container || container.clientWidth === 0 || container.clientHeight === 0) return;
    let controller: MapController;
    try {
      controller = this.#create(container);
    } catch (err) {
      // E.g. no WebGL: the panel still works; the page learns why the map is missing.
      const failure = mapCreationIssue(err);
      this.#opts.report(failure);
      this.#opts.fail('the map could not be created', failure);
      return;
    }
    this.#controller = controller;
    this.#camera = null;
    mark('map-created');
    this.show();
  }

  /**
   * Draws the element's model (another plan, the same with an import, a partial one …); while
   * there is none, the plan validated and being analysed.
   */
  show(): void {
    const controller = this.#controller;
    if (!controller) return;
    const model = this.#opts.model();
    // A plan being analysed is drawn meanwhile (over the one shown so far, if any).
    const plan = this.#opts.validatedPlan();
    if (plan && model?.plan !== plan) {
      this.guard('drawing the plan', () => controller.drawPlan(plan, this.#opts.state()));
      return;
    }
    if (!model || controller.model === model) return;
    if (this.#drawTimer) clearTimeout(this.#drawTimer);
    this.#drawTimer = setTimeout(() => {
      this.#drawTimer = null;
      if (this.#controller === controller) this.#opts.report(drawTimeoutIssue());
    }, MAP_DRAW_TIMEOUT_MS);
    const statuses = this.#opts.statuses();
    this.guard('drawing the plan', () => {
      controller.setModel(model, this.#opts.state(), () => {
        if (this.#controller !== controller || this.#opts.model() !== model) return;
        if (this.#drawTimer) clearTimeout(this.#drawTimer);
        this.#drawTimer = null;
        mark('drawn');
        this.#opts.drawn(model);
      });
      if (statuses) controller.setStatuses(statuses);
    });
  }

  #create(container: HTMLElement): MapController {
    const controller: MapController = new MapController(
      {
        container,
        basemap: this.#fallback ? { kind: 'offline' } : this.#opts.basemap(),
        cooperativeGestures: this.#opts.cooperative(),
        initialCamera: this.#camera,
        initialFit: (plan) => this.#opts.initialFit(plan),
        onPick: (id) => this.#opts.pick(id),
        onUserCameraChange: (change) => this.#opts.userCameraChange(change),
        onCameraChange: () => this.#opts.cameraMoved(),
        onContextLost: (lost) => this.#setPaused(lost),
        onError: (message, info) => this.#onError(controller, message, info),
        onWorkerError: (url) => this.#onWorkerError(controller, url),
      },
      this.#opts.state(),
    );
    return controller;
  }

  #setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.#opts.host.requestUpdate();
  }

  /**
   * A MapLibre error. A `basemap` style that fails before the map loaded is replaced by the
   * offline basemap (the plan is drawn on it); anything else is listed, once per source.
   */
  #onError(controller: MapController, message: string, info: MapErrorInfo): void {
    if (this.#controller !== controller) return;
    const style = this.#opts.basemap();
    if (info.beforeLoad && !info.sourceId && style.kind === 'style' && !this.#fallback) {
      this.#fallback = true;
      this.#opts.report(basemapFailedIssue(style.url, message));
      this.destroy();
      this.#opts.host.requestUpdate();
      return;
    }
    const found = mapErrorIssue(message, info.sourceId);
    this.#opts.report(found, info.sourceId ?? found.message_en);
  }

  /** MapLibre's worker did not start: the map cannot draw, so `ready` rejects. */
  #onWorkerError(controller: MapController, url: string): void {
    if (this.#controller !== controller) return;
    if (this.#drawTimer) clearTimeout(this.#drawTimer);
    this.#drawTimer = null;
    const failure = workerFailedIssue(url);
    this.#opts.report(failure, 'worker');
    this.#opts.fail('the map could not be drawn', failure);
  }
}
