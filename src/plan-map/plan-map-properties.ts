/**
 * The element's reactive properties: its inputs with their defaults and what they say once read
 * (the language, the timeline's year, cooperative gestures, the issues of bad values), and its
 * internal state. PlanMap extends this class with its controllers and their wiring; the public
 * API is documented once, in PlanMap's class JSDoc.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { PlanIssue } from '../plan/issues.js';
import type { PlanModel } from '../plan/model.js';
import { isPlausibleYear, type Lang } from '../plan/types.js';
import { attributeIssues } from './failures.js';
import type { PlanData } from './plan-loader.js';

export class PlanMapProperties extends LitElement {
  static override properties: PropertyDeclarations = {
    src: { type: String },
    lang: { type: String, reflect: true },
    layers: { type: String, reflect: true },
    selected: { type: String, reflect: true },
    basemap: { type: String },
    tiandituKey: { type: String, attribute: 'tianditu-key' },
    panel: { type: String, reflect: true },
    cooperativeGestures: { type: String, attribute: 'cooperative-gestures' },
    year: { type: Number, reflect: true },
    filter: { type: String, reflect: true },
    hash: { type: Boolean },
    remoteLayers: { type: Boolean, attribute: 'remote-layers' },
    plan: { attribute: false },
    _model: { state: true },
    _issues: { state: true },
    _preview: { state: true },
  };

  /** URL of the plan manifest. Empty or absent: the built-in plan. */
  declare src: string;
  /** `zh` or `en`. */
  declare lang: string;
  /** Comma-separated visible layer ids, or null for the plan's defaults. */
  declare layers: string | null;
  /** Selected feature id, or null. */
  declare selected: string | null;
  declare basemap: string;
  declare tiandituKey: string;
  declare panel: string;
  declare cooperativeGestures: string | null;
  /** The timeline's year, or null for now. */
  declare year: number | null;
  /** The item filter (`kind:…;status:…;category:…`), or null for none. */
  declare filter: string | null;
  /** Whether the state is kept in the URL hash. */
  declare hash: boolean;
  /**
   * Whether the plan may load layer files from other origins than its manifest's. Default
   * false: only files inside the package (the manifest's folder) are fetched.
   */
  declare remoteLayers: boolean;
  /** A plan given as data; takes precedence over `src`. */
  declare plan: PlanData | null;
  /** @internal The plan shown (complete, or the layers arrived so far). */
  declare _model: PlanModel | null;
  /** @internal The loader's issues. */
  declare _issues: PlanIssue[];
  /** @internal The feature previewed on the map (a focused tree row). */
  declare _preview: string | null;

  /** The text of the `year` attribute as the page wrote it (Lit reflects `NaN` back). */
  #yearText: string | null = null;

  constructor() {
    super();
    this.src = '';
    this.lang = 'zh';
    this.layers = null;
    this.selected = null;
    this.basemap = 'offline';
    this.tiandituKey = '';
    this.panel = 'start';
    this.cooperativeGestures = null;
    this.year = null;
    this.filter = null;
    this.hash = false;
    this.remoteLayers = false;
    this.plan = null;
    this._model = null;
    this._issues = [];
    this._preview = null;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'year' && value !== String(this.year)) this.#yearText = value;
    super.attributeChangedCallback(name, old, value);
  }

  /** @internal The labels' and UI's language: `en`, else `zh`. */
  protected get uiLang(): Lang {
    return this.lang === 'en' ? 'en' : 'zh';
  }

  /** @internal The `year` attribute when it is a plausible year, else null (now). */
  protected get timelineYear(): number | null {
    return isPlausibleYear(this.year) ? this.year : null;
  }

  /** @internal Cooperative gestures: explicit `on`/`off`, else on unless the element fills the window. */
  protected get cooperativeGesturesOn(): boolean {
    if (this.cooperativeGestures === 'on' || this.cooperativeGestures === '') return true;
    if (this.cooperativeGestures === 'off') return false;
    const r = this.getBoundingClientRect();
    return r.width * r.height < 0.8 * window.innerWidth * window.innerHeight;
  }

  /** @internal The issues of the `basemap` and `year` attributes (read anew on every call). */
  protected get attributeIssues(): PlanIssue[] {
    return attributeIssues({
      basemap: this.basemap,
      tiandituKey: this.tiandituKey,
      year: this.year,
      yearText: this.#yearText,
    });
  }
}
