/**
 * The worker's poll loop for the benchmarks: every service through `pollCycle` (one read and one
 * write transaction for the batch), at most 4 polls at once — exactly what core/worker/scheduler.ts
 * `refresh` calls. Browser-safe (no Node APIs, no fake-indexeddb), so the
 * Chromium poll cycle page (bench/cycle-page/) runs the very same loop as the Node sections.
 */
import type { Service } from '../core/catalog/catalog';
import { pollCycle, type PollDeps } from '../core/poll';

/** Same as CONCURRENCY in core/worker/scheduler.ts (not exported there). */
export const WORKER_CONCURRENCY = 4;

/** One poll of every service, 4 at a time, as the worker's `refresh` does. */
export async function pollAll(services: readonly Service[], deps: PollDeps, force = false): Promise<void> {
  await pollCycle(services, deps, { force, concurrency: WORKER_CONCURRENCY });
}
