/**
 * What every part of the worker reads: the browser, the injected dependencies, settings, the
 * database, the catalog as a directory, and "judge these services now" over one read of storage.
 */
import type { WxtBrowser } from 'wxt/browser';
import { loadCatalog, type Catalog, type Service } from '../catalog/catalog';
import { blueskyReady, isdownReady } from '../credentials';
import type { CrowdRecord } from '../crowd/record';
import type { SourceConfig, SourceId } from '../crowd/source';
import type { EvidenceInputs } from '../evidence';
import { judge, type Judgement } from '../judge';
import { focusOf, focusOfChoice, type TabView } from '../parts/view';
import { directory, type Directory } from '../services';
import type { Settings, SourceToggle } from '../settings';
import { loadCredentials, loadNav, loadReports, loadRequests, loadSettings } from '../storage';
import { getCrowd, getRecords, openStore, type Db, type ServiceRecord } from '../store';

export interface BackgroundDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
  /** Whether the browser believes it is online (navigator.onLine); failures while offline never count. */
  online?: () => boolean;
  /** Minutes between UTC and local time (Date#getTimezoneOffset), for quiet hours. */
  tzOffsetMin?: () => number;
  db?: () => Promise<Db>;
  /** The service catalog (default: the packaged catalog.jsonl, read once). */
  catalog?: () => Promise<Catalog>;
}

/** Services judged together, over one read of their records and evidence. */
export interface Judged {
  s: Settings;
  d: Db;
  recs: Map<string, ServiceRecord>;
  now: number;
  /** `view`: the part and region a tab shows (core/parts/view.ts), to judge the service for that tab. */
  judge: (service: Service, view?: TabView | null) => Judgement;
}

export interface WorkerContext {
  b: WxtBrowser;
  deps: BackgroundDeps;
  session: WxtBrowser['storage']['session'];
  db: () => Promise<Db>;
  catalog: () => Promise<Catalog>;
  settings: () => Promise<Settings>;
  dirNow: () => Promise<Directory>;
  /** Credentials stay in storage.local and are read here, never passed around in messages. */
  crowdConfig: () => Promise<SourceConfig>;
  judged: (ids: string[]) => Promise<Judged>;
}

/** Complaint sources turned on in settings. */
export function enabledSources(s: Settings): SourceId[] {
  return (Object.keys(s.sources) as SourceToggle[]).filter((k) => s.sources[k]);
}

export function createContext(b: WxtBrowser, deps: BackgroundDeps): WorkerContext {
  const db = deps.db ?? (() => openStore());
  const catalog = deps.catalog ?? loadCatalog;
  const settings = () => loadSettings(b.storage.local);
  const session = b.storage.session;
  const online = deps.online ?? (() => true);

  async function evidenceInputs(d: Db, ids: string[], s: Settings): Promise<EvidenceInputs> {
    // `browsers`: failure counts shared through a relay (core/relay/); present only when one answered.
    const enabled = new Set<SourceId>([...enabledSources(s), 'browsers']);
    const [events, reports, crowdRows, requests] = await Promise.all([
      loadNav(session),
      loadReports(b.storage.local, deps.now()),
      Promise.all(ids.map(async (id) => [id, (await getCrowd(d, id)).filter((r) => enabled.has(r.source))] as const)),
      loadRequests(session),
    ]);
    return { events, reports, online: online(), crowd: new Map<string, CrowdRecord[]>(crowdRows), requests };
  }

  async function crowdConfig(): Promise<SourceConfig> {
    const c = await loadCredentials(b.storage.local);
    return {
      ...(blueskyReady(c) && c.bluesky ? { bluesky: { handle: c.bluesky.handle, appPassword: c.bluesky.appPassword } } : {}),
      ...(isdownReady(c) && c.isdown ? { isdown: { apiKey: c.isdown.apiKey } } : {}),
    };
  }

  async function judged(ids: string[]): Promise<Judged> {
    const [s, d] = await Promise.all([settings(), db()]);
    const [inputs, recs] = await Promise.all([evidenceInputs(d, ids, s), getRecords(d, ids)]);
    const now = deps.now();
    return {
      s,
      d,
      recs,
      now,
      // A tab's view narrows to the part it shows; without one (watched list, notifications), to
      // the parts the person chose for the service, if any.
      judge: (service, view) =>
        judge(
          service,
          recs.get(service.id),
          inputs,
          now,
          s.pollIntervalMin,
          view ? focusOf(service, view) : focusOfChoice(service, s.watchedParts[service.id]),
        ),
    };
  }

  const dirNow = async (): Promise<Directory> => directory(await settings(), await catalog());

  return { b, deps, session, db, catalog, settings, dirNow, crowdConfig, judged };
}
