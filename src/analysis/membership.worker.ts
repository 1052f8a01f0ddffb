/**
 * The element's worker: zone membership of a large plan (`membership-job.ts`, tested in Node)
 * and large item layers read, validated and counted away from the page (`plan/large-layer.ts`).
 * Thin wrapper: the work and the message formats live in those modules. Started by
 * `plan/analyse.ts` with `new Worker(new URL(…, import.meta.url), { type: 'module' })`, so Vite
 * serves and emits it as a same-origin file (no `blob:`; works under `worker-src 'self'`).
 */
import { handleLargeLayerMessage, isLargeLayerRequest } from '../plan/large-layer';
import { handleMembershipMessage } from './membership-job';

// The project's `lib` is DOM, not WebWorker (the two clash); this is all the worker scope used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(reply: unknown): void;
};

scope.onmessage = (e) => {
  const post = (reply: unknown) => scope.postMessage(reply);
  if (isLargeLayerRequest(e.data)) void handleLargeLayerMessage(e.data, post);
  else handleMembershipMessage(e.data, post);
};
