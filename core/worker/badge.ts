/**
 * The toolbar badge: per tab, the verdict of the service that owns the site, or — on any other
 * site — how many watched services are in trouble.
 */
import type { Service } from '../catalog/catalog';
import { badgeSpec, watchedTroubleBadge, type BadgeSpec } from '../present';
import { allTabs, tabHostname } from '../storage';
import { tabView } from '../parts/view';
import type { WorkerContext } from './context';

/** The toolbar title on sites no catalogued service owns and no watched service is in trouble. */
export const DEFAULT_TITLE = 'Acknowledged';

export interface Badge {
  paintTab(tabId: number, known?: { host: string | null }): Promise<void>;
  paintAllTabs(): Promise<void>;
}

export function createBadge(ctx: WorkerContext): Badge {
  const { b, session } = ctx;

  async function setBadge(tabId: number, spec: BadgeSpec) {
    try {
      await Promise.all([
        b.action.setBadgeText({ tabId, text: spec.text }),
        b.action.setBadgeBackgroundColor({ tabId, color: spec.color }),
        b.action.setTitle({ tabId, title: spec.title }),
      ]);
    } catch {
      // The tab closed while we were painting: nothing to do.
    }
  }

  async function paintTab(tabId: number, known?: { host: string | null }) {
    const host = known ? known.host : await tabHostname(session, tabId);
    const dir = await ctx.dirNow();
    // The part in front of you (issue 17): the tab's view names the part, region, or product page.
    const view = host ? await tabView(session, tabId) : null;
    const service = host ? ((view && dir.get(view.service)) ?? dir.match(host)) : null;
    if (service) {
      const { judge, now } = await ctx.judged([service.id]);
      const { result, freshness } = judge(service, view);
      return setBadge(tabId, badgeSpec(service.name, result, freshness, now));
    }
    // No catalogued service owns this site: show how many watched services are in trouble, if any.
    const s = await ctx.settings();
    const watched = s.watched.map((id) => dir.get(id)).filter((x): x is Service => !!x);
    const { judge } = await ctx.judged(watched.map((w) => w.id));
    await setBadge(
      tabId,
      watchedTroubleBadge(
        watched.map((w) => ({ name: w.name, result: judge(w).result })),
        DEFAULT_TITLE,
      ),
    );
  }

  async function paintAllTabs() {
    const tabs = await allTabs(session);
    await Promise.all([...tabs].map(([tabId, host]) => paintTab(tabId, { host })));
  }

  return { paintTab, paintAllTabs };
}
