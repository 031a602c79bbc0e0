/** The worker's answers to the pages' requests (the protocol is core/messages.ts). */
import type { Handlers, TestSourceAnswer } from '../messages';
import { sourceById } from '../crowd/index';
import { setReport } from '../storage';
import { findStatusPage, forgetSiteViews, watchFound } from '../find/run';
import { setBackWatch } from '../backwatch';
import type { WorkerContext } from './context';
import type { Reconcile } from './reconcile';
import type { Scheduler } from './scheduler';

export function createHandlers(ctx: WorkerContext, scheduler: Scheduler, reconcile: Reconcile): Handlers {
  const { b, deps } = ctx;

  /** "Test connection" on the options page: one real query with the stored credentials. */
  async function testSource(id: 'bluesky' | 'isdown'): Promise<TestSourceAnswer> {
    const source = sourceById(id);
    const now = deps.now();
    const r = await source.query(
      { terms: ['status'], since: now - 15 * 60_000, until: now, now },
      { fetch: deps.fetch, now: deps.now, config: await ctx.crowdConfig(), store: b.storage.local },
    );
    switch (r.status.state) {
      case 'ok':
        return { ok: true, message: `${source.label}: connected.` };
      case 'not_configured':
        return { ok: false, message: r.status.message };
      case 'rate_limited':
        return { ok: false, message: `${source.label}: ${r.status.message}` };
      case 'error':
        return { ok: false, message: `${source.label}: ${r.status.problem.message}` };
    }
  }

  return {
    async refresh({ serviceId }) {
      const svc = (await ctx.dirNow()).get(serviceId);
      if (!svc) return;
      await scheduler.pollComplaints([svc], true);
      return svc.official ? scheduler.refresh([svc], true) : reconcile([svc.id]);
    },
    'poll-now': () => scheduler.tick(),
    async report({ serviceId, on }) {
      const svc = (await ctx.dirNow()).get(serviceId);
      if (!svc) return;
      await setReport(b.storage.local, svc.id, on, deps.now());
      // The person says it is broken: check whether the provider has said anything yet.
      return on && svc.official ? scheduler.refresh([svc], true) : reconcile([svc.id]);
    },
    'back-watch': ({ serviceId, on }) =>
      setBackWatch(b.storage.local, serviceId, on, deps.now()).then(() => (on ? scheduler.tick() : undefined)),
    'test-source': ({ source }) => testSource(source),
    // "Find a status page" (core/find/run.ts): a found page becomes a watched custom page; the
    // settings change re-runs the tick (storage.onChanged), which polls it and repaints the badge.
    async 'find-status-page'({ host, readSite }) {
      const r = await findStatusPage({ host, readSite }, { fetch: deps.fetch, now: deps.now, store: b.storage.local });
      if (r?.found) {
        // A catalogued entry without a feed may have owned the site: its tabs now follow the found page.
        await forgetSiteViews(ctx.session, r.site);
        await watchFound(b.storage.local, r);
      }
      return r;
    },
  };
}
