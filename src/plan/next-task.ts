/**
 * Gives the event loop a turn (a macrotask: the page can paint and react), then goes on unless
 * aborted meanwhile. The one way the loader, the analysis and the element split long work into
 * tasks.
 *
 * @throws `signal.reason` when the signal was aborted during the turn
 */
export async function nextTask(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  signal?.throwIfAborted();
}
