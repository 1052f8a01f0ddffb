/**
 * `<plan-map>` in React 19 JSX and in Vue 3 templates, typed: importing the package is enough.
 * Copied into dist/types/ by scripts/build-types.mjs and referenced from dist/index.d.ts. It
 * imports types from 'react' and 'vue'; a project that has only one of them sees the other as
 * unresolved inside this declaration file, which `skipLibCheck` (on in every framework template)
 * passes over.
 */

import type { DetailedHTMLProps, HTMLAttributes as ReactHTMLAttributes } from 'react';
import type { HTMLAttributes as VueHTMLAttributes } from 'vue';
import type { PlanErrorEvent } from '../events/plan-error-event.js';
import type { PlanFilterChangeEvent } from '../events/plan-filter-change-event.js';
import type { PlanLayerToggleEvent } from '../events/plan-layer-toggle-event.js';
import type { PlanReadyEvent } from '../events/plan-ready-event.js';
import type { PlanSelectEvent } from '../events/plan-select-event.js';
import type { PlanViewChangeEvent } from '../events/plan-view-change-event.js';
import type { PlanData, PlanMap } from '../plan-map/plan-map.js';

/** The element's attributes (README › Attributes), as a template writes them. */
export interface PlanMapAttributes {
  src?: string;
  lang?: 'zh' | 'en' | (string & {});
  layers?: string;
  selected?: string | null;
  basemap?: string;
  'tianditu-key'?: string;
  panel?: 'start' | 'end' | 'none';
  'cooperative-gestures'?: 'on' | 'off';
  year?: number | string | null;
  filter?: string | null;
  hash?: boolean;
}

/** The element's events by name. */
export interface PlanMapEvents {
  'plan-ready': PlanReadyEvent;
  'plan-select': PlanSelectEvent;
  'plan-layer-toggle': PlanLayerToggleEvent;
  'plan-view-change': PlanViewChangeEvent;
  'plan-error': PlanErrorEvent;
  'plan-filter-change': PlanFilterChangeEvent;
}

/** React 19 passes `on<event-name>` props of custom elements to addEventListener. */
type ReactEventProps = {
  [K in keyof PlanMapEvents as `on${K}`]?: (event: PlanMapEvents[K]) => void;
};

/** Vue's `@plan-select` listeners, typed (`onPlan-select` is how Vue names them in props). */
type VueEventProps = {
  [K in keyof PlanMapEvents as `on${Capitalize<K>}`]?: (event: PlanMapEvents[K]) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'plan-map': DetailedHTMLProps<ReactHTMLAttributes<PlanMap>, PlanMap> &
        Omit<PlanMapAttributes, 'lang'> &
        ReactEventProps & { plan?: PlanData | null; class?: string };
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'plan-map': new () => {
      $props: VueHTMLAttributes & PlanMapAttributes & VueEventProps & { plan?: PlanData | null };
    };
  }
}
