/**
 * Loading the element's plan: the built-in plan (a module of the build), a plan given as data,
 * or a package at `src` (its large item files read, parsed and validated in a worker) —
 * validated, then analysed (zone membership, in a worker for large plans). Layers that have
 * arrived are shown while a stalled one is still awaited; the final result replaces them. A
 * failure of the load itself becomes an `internal-error` issue.
 */
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { createMembershipWorker } from '../assets/base-path.js';
import { t } from '../i18n/strings.js';
import { prepareDrawnData } from '../map/style.js';
import { analysePlan, isLargePlan } from '../plan/analyse.js';
import { loadBuiltinPlan } from '../plan/builtin.js';
import type { PlanIssue } from '../plan/issues.js';
import { loadPlan, planFromObjectsAsync } from '../plan/load.js';
import type { PlanModel } from '../plan/model.js';
import { nextTask } from '../plan/next-task.js';
import { offThreadReader } from '../plan/read-off-thread.js';
import type { Lang, LoadedPlan, PlanManifest } from '../plan/types.js';
import { progressOverlay } from '../ui/progress.js';
import { internalIssue } from './failures.js';
import { mark } from './timing.js';

/** A plan given as data instead of a `src` URL: the manifest and each layer's GeoJSON by layer id. */
export interface PlanData {
  manifest: PlanManifest;
  /** FeatureCollections keyed by layer id; `unlocated` may hold the unlocated list. */
  layers: Record<string, unknown>;
}

export interface PlanLoaderOptions {
  /** What to load: `src`, `plan` and `remote-layers`; a change loads again. */
  args(): readonly [src: string, plan: PlanData | null, remoteLayers: boolean];
  /** A load starts. */
  started(): void;
  /** Show this model while the layers named in `pending` are still on their way. */
  partial(model: PlanModel): void;
  /** Every file is in and validated: the plan can be drawn while it is analysed. */
  validated(plan: LoadedPlan): void;
  /**
   * A large plan is analysed: work out what its model shows, in a task before the one that
   * shows it (`loaded`).
   */
  prepare(model: PlanModel): void;
  /** The load ended: the model (null when the plan could not be loaded) and its issues. */
  loaded(model: PlanModel | null, issues: PlanIssue[]): void;
  /** The load itself failed (a bug, or the browser ran out of memory). */
  failed(failure: PlanIssue): void;
}

export class PlanLoader {
  /** Items analysed so far while a large plan is analysed, else null. */
  progress: { done: number; total: number } | null = null;
  /** Layers still awaited while a partial plan is shown. */
  pending: readonly string[] = [];
  /** The model shown while some layers are still on their way (it fires no `plan-ready`). */
  partialModel: PlanModel | null = null;
  /** The plan validated and being analysed (the map draws it meanwhile), else null. */
  validatedPlan: LoadedPlan | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #task: Task<readonly [string, PlanData | null, boolean], LoadResult>;

  constructor(host: ReactiveControllerHost, opts: PlanLoaderOptions) {
    this.#host = host;
    this.#task = new Task(host, {
      task: ([src, plan, remoteLayers], { signal }) => {
        // A load that this one replaced may have left its plan half-way.
        this.validatedPlan = null;
        opts.started();
        return this.#load(src, plan, remoteLayers, signal, opts);
      },
      args: () => opts.args(),
      onComplete: ({ model, issues }) => {
        this.#settle();
        opts.loaded(model, issues);
      },
      onError: (err) => {
        this.#settle();
        opts.failed(internalIssue('loading the plan', err));
      },
    });
  }

  /** The load ended and gave no plan, or failed. */
  get failed(): boolean {
    const status = this.#task.status;
    return (
      status === TaskStatus.ERROR || (status === TaskStatus.COMPLETE && !this.#task.value?.model)
    );
  }

  /** Loads the plan again (Retry). */
  retry(): void {
    void this.#task.run();
  }

  /** The loading or progress overlay while a load runs without a partial plan shown. */
  renderStatus(lang: Lang): TemplateResult | typeof nothing {
    if (this.#task.status !== TaskStatus.PENDING || this.pending.length > 0) return nothing;
    if (this.progress) return progressOverlay(this.progress.done, this.progress.total, lang);
    return html`<div class="overlay" part="status" role="status">${t(lang, 'loading')}</div>`;
  }

  async #load(
    src: string,
    plan: PlanData | null,
    remoteLayers: boolean,
    signal: AbortSignal,
    opts: PlanLoaderOptions,
  ): Promise<LoadResult> {
    this.progress = null;
    const run = { final: false };
    mark('load-start');
    const result = plan
      ? await planFromObjectsAsync(plan.manifest, plan.layers, { signal })
      : src
        ? await loadPlan(src, {
            signal,
            remoteLayers,
            // A large item file is read, parsed and validated in the element's worker.
            ...(typeof Worker === 'undefined'
              ? {}
              : { readOffThread: offThreadReader(createMembershipWorker) }),
            onPartial: (partial) => void this.#showPartial(partial, run, signal, opts),
          })
        : // Neither: the built-in plan, validated when it was built (plan/builtin.ts).
          await loadBuiltinPlan();
    // Every file is in: the progress of the analysis (if any) replaces the "still loading" line.
    run.final = true;
    mark('validated');
    this.pending = [];
    signal.throwIfAborted();
    // A large plan's steps each get a task of their own (below and in analysePlan).
    const large = result.plan !== null && isLargePlan(result.plan);
    // Drawn while it is analysed: MapLibre fetches a large layer's file meanwhile (drawn again
    // only if the worker finds features to hide in it, or lines and polygons).
    if (result.plan) {
      if (large) {
        // Each in a task of its own: the end of validation, the data the map draws made, and
        // the plan handed to the map (which copies it to its worker).
        await nextTask(signal);
        prepareDrawnData(result.plan);
        await nextTask(signal);
      }
      this.validatedPlan = result.plan;
      opts.validated(result.plan);
    }
    const model = result.plan
      ? await analysePlan(result.plan, {
          signal,
          onProgress: (done, total) => {
            this.progress = { done, total };
            this.#host.requestUpdate();
          },
        })
      : null;
    mark('analysed');
    if (model && large) {
      opts.prepare(model);
      await nextTask(signal);
    }
    return { model, issues: model?.issues ? [...result.issues, ...model.issues] : result.issues };
  }

  /** Draws the layers that have arrived; one stalled file must not leave the element empty. */
  async #showPartial(
    partial: { plan: LoadedPlan; pending: string[] },
    run: { final: boolean },
    signal: AbortSignal,
    opts: PlanLoaderOptions,
  ): Promise<void> {
    try {
      const model = await analysePlan(partial.plan, { signal });
      if (signal.aborted || run.final) return;
      this.partialModel = model;
      this.pending = partial.pending;
      opts.partial(model);
    } catch {
      // Aborted, or the partial plan failed: the final result will say what happened.
    }
  }

  #settle(): void {
    this.progress = null;
    this.partialModel = null;
    this.validatedPlan = null;
    this.pending = [];
  }
}

interface LoadResult {
  model: PlanModel | null;
  issues: PlanIssue[];
}
