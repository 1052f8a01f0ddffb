/**
 * What the element's controllers read from it: the plan shown, what the filters and the year
 * show of it, the language and the selection. One object, handed to every controller that needs
 * them, so each concept has one accessor.
 */
import type { PlanModel } from '../plan/model.js';
import type { Lang } from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';

export interface PlanContext {
  /** The plan shown (complete, or the layers arrived so far), or null while there is none. */
  model(): PlanModel | null;
  /** What the filters and the year show of it (null without a plan). */
  view(): PlanView | null;
  lang(): Lang;
  /** The selected feature id, or null. */
  selected(): string | null;
}
