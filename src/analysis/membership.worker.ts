/**
 * Zone membership of a large plan off the main thread. Thin wrapper: the work and the message
 * format live in `membership-job.ts` (tested in Node). Started by `plan/analyse.ts` with
 * `new Worker(new URL(…, import.meta.url), { type: 'module' })`, so Vite serves and emits it as a
 * same-origin file (no `blob:`; works under `worker-src 'self'`).
 */
import { handleMembershipMessage, type MembershipReply } from './membership-job';

// The project's `lib` is DOM, not WebWorker (the two clash); this is all the worker scope used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(reply: MembershipReply): void;
};

scope.onmessage = (e) => handleMembershipMessage(e.data, (reply) => scope.postMessage(reply));
