/**
 * Where local evidence lives: navigation outcomes in `storage.session` (memory only, gone when the
 * browser closes), the person's "it's broken for me" reports in `storage.local` (kept until they
 * expire or are undone). Writes are serialised within a worker so concurrent events never lose one.
 */
import type { KeyValueArea } from '../settings';
import { MANUAL_REPORT_MS, pruneEvents, type ManualReport, type NavEvent } from './failures';
import { addObservations, type Observation, type RequestBucket } from './requests';

export const NAV_KEY = 'nav';
export const REPORTS_KEY = 'reports';

let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const p = chain.then(fn, fn);
  chain = p.catch(() => undefined);
  return p;
}

function asEvents(raw: unknown): NavEvent[] {
  return Array.isArray(raw)
    ? raw.filter((e): e is NavEvent => !!e && typeof e === 'object' && typeof (e as NavEvent).at === 'number' && typeof (e as NavEvent).ok === 'boolean')
    : [];
}

function asReports(raw: unknown): ManualReport[] {
  return Array.isArray(raw)
    ? raw.filter((r): r is ManualReport => !!r && typeof r === 'object' && typeof (r as ManualReport).serviceId === 'string' && typeof (r as ManualReport).at === 'number')
    : [];
}

export async function loadNav(session: KeyValueArea): Promise<NavEvent[]> {
  return asEvents((await session.get(NAV_KEY))[NAV_KEY]);
}

export function recordNav(session: KeyValueArea, ev: NavEvent, now: number): Promise<void> {
  return serial(async () => {
    const events = pruneEvents([...(await loadNav(session)), ev], now);
    await session.set({ [NAV_KEY]: events });
  });
}

export async function loadReports(local: KeyValueArea, now: number): Promise<ManualReport[]> {
  return asReports((await local.get(REPORTS_KEY))[REPORTS_KEY]).filter((r) => now - r.at <= MANUAL_REPORT_MS);
}

/** Record (or, with `undo`, withdraw) the person's own "it's broken for me" for a service. */
export function setReport(local: KeyValueArea, serviceId: string, on: boolean, now: number): Promise<void> {
  return serial(async () => {
    const kept = (await loadReports(local, now)).filter((r) => r.serviceId !== serviceId);
    await local.set({ [REPORTS_KEY]: on ? [...kept, { serviceId, at: now }] : kept });
  });
}

// ---- This browser's request counts (./requests.ts): storage.session, counts only ----

export const REQUESTS_KEY = 'requests';

function asBuckets(raw: unknown): RequestBucket[] {
  return Array.isArray(raw)
    ? raw.filter(
        (b): b is RequestBucket =>
          !!b &&
          typeof b === 'object' &&
          typeof (b as RequestBucket).serviceId === 'string' &&
          typeof (b as RequestBucket).at === 'number' &&
          typeof (b as RequestBucket).answered === 'number' &&
          typeof (b as RequestBucket).status === 'object' &&
          typeof (b as RequestBucket).errors === 'object',
      )
    : [];
}

export async function loadRequests(session: KeyValueArea): Promise<RequestBucket[]> {
  return asBuckets((await session.get(REQUESTS_KEY))[REQUESTS_KEY]);
}

/** Add observed request outcomes to the stored counts (serialised with every other write here). */
export function recordRequests(session: KeyValueArea, observations: readonly Observation[], now: number): Promise<void> {
  return serial(async () => {
    await session.set({ [REQUESTS_KEY]: addObservations(await loadRequests(session), observations, now) });
  });
}
