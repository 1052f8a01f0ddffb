/**
 * The element's worker: zone membership of a large plan (`membership-job.ts`, tested in Node),
 * large item layer files read, parsed and validated away from the page (`plan/read-layer.ts`)
 * and large layers read, validated and counted (`plan/large-layer.ts`).
 * Thin wrapper: the work and the message formats live in those modules. Started by
 * `plan/analyse.ts` with `new Worker(new URL(…, import.meta.url), { type: 'module' })`, so Vite
 * serves and emits it as a same-origin file (no `blob:`; works under `worker-src 'self'`).
 */
import { handleLargeLayerMessage, isLargeLayerRequest } from '../plan/large-layer';
import { handleReadLayerMessage, isReadLayerRequest } from '../plan/read-layer';
import { handleMembershipMessage } from './membership-job';

// The project's `lib` is DOM, not WebWorker (the two clash); this is all the worker scope used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(reply: unknown): void;
};

scope.onmessage = (e) => {
  const post = (reply: unknown) => scope.postMessage(reply);
  if (isReadLayerRequest(e.data)) void handleReadLayerMessage(e.data, post);
  else if (isLargeLayerRequest(e.data)) void handleLargeLayerMessage(e.data, post);
  else handleMembershipMessage(e.data, post);
};

// Started: the page may hand this worker what it cannot take back (a stream, `read-off-thread.ts`).
scope.postMessage({ type: 'ready' });
