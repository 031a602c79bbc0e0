/**
 * The popup, answering in order: is it down, does the provider know, what did they say, what is
 * affected. Pure rendering from already-loaded data: it never waits on the network.
 *
 * All provider text is rendered as Preact text children (text nodes): never as HTML.
 */
import type { Service } from '@/core/catalog/catalog';
import { evaluate } from '@/core/judge';
import { requestSummary, type ServiceEvidence } from '@/core/evidence';
import type { Episode } from '@/core/history/episodes';
import { t, type MessageKey } from '@/core/i18n';
import type { ComponentStatus, OfficialIncident, Verdict } from '@/core/model';
import { headline, relativeTime, verdictWord } from '@/core/present';
import type { ServiceRecord } from '@/core/store';
import { agoWords, incidentStatusWord, maintenanceInProgress } from '@/core/verdict';
import { admittedSilenceMs } from '@/core/history/silence';
import { safeUrl } from '@/core/text';
import { RelayPathLine } from './RelayPath';
import { rich } from './slots';
import { useState } from 'preact/hooks';
import type { FindResult } from '@/core/find/cache';
import { KIND_LABELS, type OfficialKind } from '@/core/official/kinds';
import { FeedAccess, type FeedAccessState } from './PopupAccess';

/** Where "Find a status page" stands for the site in the tab. */
export type FindState =
  { state: 'idle' } | { state: 'busy' } | { state: 'denied' } | { state: 'failed' } | { state: 'done'; result: FindResult };
import { focusOf, focusOfChoice, partName, type TabView } from '@/core/parts/view';
import { upstreamHint } from '@/core/parts/upstream';
import { mayWatchBack } from '@/core/backwatch';
import type { OfficialComponent } from '@/core/model';

export interface PopupData {
  now: number;
  pollIntervalMin: number;
  /** The parts chosen per watched service (settings `watchedParts`); the watched list follows them. */
  watchedParts?: Record<string, string[]>;
  /** The service for this tab (or `?service=`); null when no catalogued service owns the site. */
  service: Service | null;
  /** The hostname of the tab, when known. */
  host: string | null;
  /** The part and region of the tab (core/parts/view.ts), when the popup is about a tab. */
  view?: TabView | null;
  /** Whether a one-off "tell me when it's back" watch is set for the service (core/backwatch.ts). */
  backWatched?: boolean;
  /** The infrastructure providers the service is known to run on (catalog `upstream`), with their records. */
  upstream?: { service: Service; record: ServiceRecord | undefined }[];
  record: ServiceRecord | undefined;
  /** Evidence outside the official feed for the current service. */
  evidence: ServiceEvidence | null;
  /** The service's latest outage episode, if any. */
  episode: Episode | null;
  /** All recorded episodes of the service (for the track record). */
  episodes: Episode[];
  /** Transient status line (e.g. "Copied"). */
  status: string | null;
  watched: { service: Service; record: ServiceRecord | undefined; evidence: ServiceEvidence | null }[];
  refreshing: boolean;
  /** For a site no service owns, or a catalogued one without a feed (core/find/candidates.ts `findOfferSite`): its registrable domain and the search's state (null otherwise). */
  find?: { site: string; state: FindState } | null;
  /** Whether this browser watches the current service's requests; null when turned off in options. */
  requestWatch: RequestWatchState;
  /** The service's feed host this browser has not allowed yet (./PopupAccess.tsx); null when nothing is missing. */
  feedAccess?: FeedAccessState;
}

export interface PopupActions {
  onRefresh(): void;
  onSelect(serviceId: string): void;
  /** The person's own "it's broken for me" (true) or its undo (false). */
  onReport(on: boolean): void;
  /** Copy the episode report as text or Markdown (then show `copyStatus(ok)`). */
  onCopy(format: 'text' | 'markdown'): void;
  /** Open the options page (watch services, sources, notifications). */
  onOptions(): void;
  /** "Find a status page" pressed; `readSite`: the person allows reading the site's home page. */
  onFind?(readSite: boolean): void;
  /** "Watch this site's requests": ask the browser for the service's hosts (must run in the click). */
  onWatchRequests(): void;
  /** Set (true) or cancel (false) the one-off "tell me when it's back" watch. */
  onBackWatch?(on: boolean): void;
  /** "Allow reading status.example.com": ask the browser for the feed's host (must run in the click). */
  onAllowFeed?(): void;
}

/** The status line after "Copy as text": copied, or could not copy. */
export function copyStatus(ok: boolean): string {
  return ok ? t('popupCopied') : t('popupCopyFailed');
}

/** "Acknowledged 19 min after trouble was first seen here" — only when the timestamps prove the order. */
function AckStory({ episode, now }: { episode: Episode | null; now: number }) {
  if (!episode || episode.firstEvidenceAt === null) return null;
  if (episode.firstOfficialAt !== null && episode.firstOfficialAt > episode.firstEvidenceAt) {
    const m = Math.round((episode.firstOfficialAt - episode.firstEvidenceAt) / 60_000);
    return (
      <p class="story" data-testid="ack-delay">
        {t('popupAckDelay', [m])}
      </p>
    );
  }
  if (episode.firstOfficialAt === null && episode.endedAt === null) {
    return (
      <p class="story" data-testid="ack-silence">
        {t('popupAckSilence', relativeTime(episode.firstEvidenceAt, now))}
      </p>
    );
  }
  return null;
}

const VERDICT_ICON: Record<Verdict, string> = {
  ok: '✓',
  acknowledged: '!',
  unacknowledged: '?',
  maintenance: 'M',
  resolved: '✓',
  unknown: '…',
};

const COMPONENT_WORDS: Record<ComponentStatus, MessageKey> = {
  operational: 'componentOperational',
  degraded: 'statusDegraded',
  partial_outage: 'statusPartialOutage',
  major_outage: 'statusMajorOutage',
  maintenance: 'statusMaintenance',
  unknown: 'componentUnknown',
};

function Time({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  return (
    <time dateTime={iso} title={new Date(at).toLocaleString()}>
      {relativeTime(at, now)}
    </time>
  );
}

function Link({ href, children }: { href: string | null; children: preact.ComponentChildren }) {
  const safe = safeUrl(href);
  if (!safe) return null;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function LatestUpdate({ incident, now, provider }: { incident: OfficialIncident; now: number; provider: string }) {
  const [latest, ...earlier] = incident.updates;
  const silence = admittedSilenceMs(incident);
  return (
    <section class="card" aria-labelledby="latest-h">
      <h2 id="latest-h" class="incident-title">
        {incident.title}
      </h2>
      {incident.status === 'resolved' && latest && latest.status !== 'resolved' ? (
        <p class="note" data-testid="vanished">
          {incident.resolvedAt ? rich('popupVanishedAt', [<Time iso={incident.resolvedAt} now={now} />]) : t('popupVanished')}
        </p>
      ) : null}
      {latest ? (
        <div class="update latest" data-testid="latest-update">
          <div class="update-meta">
            <span class={`status-chip s-${latest.status}`}>{incidentStatusWord(latest.status)}</span>
            <Time iso={latest.at} now={now} />
          </div>
          <p class="update-text" data-testid="latest-update-text">
            {latest.text || t('popupNoUpdateText')}
          </p>
        </div>
      ) : (
        <p class="muted">{t('popupNoUpdateYet')}</p>
      )}
      {silence !== null ? (
        <p class="note" data-testid="admitted-silence">
          {t('popupAdmittedSilence', [provider, agoWords(silence)])}
        </p>
      ) : null}
      {incident.components.length > 0 ? (
        <p class="affected">
          <span class="label">{t('popupAffected')}</span> {incident.components.slice(0, 8).join(', ')}
          {incident.components.length > 8 ? <span class="muted"> {t('popupAndMore', [incident.components.length - 8])}</span> : null}
        </p>
      ) : null}
      <p class="links">
        <Link href={incident.url}>{t('popupViewIncident')}</Link>
      </p>
      {earlier.length > 0 ? (
        <details class="timeline">
          <summary>{t('popupEarlierUpdates', [earlier.length])}</summary>
          <ol>
            {earlier.map((u, i) => (
              <li key={i}>
                <div class="update-meta">
                  <span class={`status-chip s-${u.status}`}>{incidentStatusWord(u.status)}</span>
                  <Time iso={u.at} now={now} />
                </div>
                <p class="update-text">{u.text}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function Components({ record, exclude }: { record: ServiceRecord; exclude: OfficialComponent[] }) {
  const troubled = (record.snapshot?.components ?? []).filter(
    (c) => c.status !== 'operational' && c.status !== 'unknown' && !exclude.includes(c),
  );
  if (troubled.length === 0) return null;
  return (
    <section class="card" aria-labelledby="comp-h">
      <h2 id="comp-h">{t('popupComponentsHeading')}</h2>
      <ul class="components">
        {troubled.slice(0, 12).map((c) => (
          <li key={c.id}>
            <span class="comp-name">{c.group ? `${c.group} – ${c.name}` : c.name}</span>
            <span class={`comp-status c-${c.status}`}>{t(COMPONENT_WORDS[c.status] ?? 'componentUnknown')}</span>
          </li>
        ))}
      </ul>
      {troubled.length > 12 ? <p class="muted">{t('popupAndMore', [troubled.length - 12])}</p> : null}
    </section>
  );
}

/**
 * "Netflix publishes no status; AWS has acknowledged an incident in us-east-1 (12 min ago) — likely
 * related" (core/parts/upstream.ts). A hint beside the site's own verdict, never instead of it.
 */
function Upstream({
  site,
  result,
  upstream,
  now,
}: {
  site: Service;
  result: ReturnType<typeof evaluate>['result'];
  upstream: { service: Service; record: ServiceRecord | undefined }[];
  now: number;
}) {
  const byId = new Map(upstream.map((u) => [u.service.id, u]));
  const hint = upstreamHint(site, result, (id) => {
    const u = byId.get(id);
    return u ? { service: u.service, state: u.record } : null;
  });
  if (!hint) return null;
  const when = hint.since !== null ? relativeTime(hint.since, now) : t('timeUnknown');
  const args = [site.name, hint.providerName, when];
  const words = site.official
    ? hint.region
      ? t('popupUpstreamRegionOwn', [...args, hint.region])
      : t('popupUpstreamOwn', args)
    : hint.region
      ? t('popupUpstreamRegion', [...args, hint.region])
      : t('popupUpstream', args);
  return (
    <p class="story" data-testid="upstream">
      {words}
    </p>
  );
}

/**
 * "Elsewhere at GitHub": the provider's open incidents and troubled components that are not the
 * part in front of you. Listed so nothing is hidden; they do not colour the badge (docs/design.md).
 */
function Elsewhere({
  name,
  incidents,
  components,
  now,
}: {
  name: string;
  incidents: OfficialIncident[];
  components: OfficialComponent[];
  now: number;
}) {
  if (incidents.length === 0 && components.length === 0) return null;
  return (
    <section class="card elsewhere" aria-labelledby="else-h" data-testid="elsewhere">
      <h2 id="else-h">{t('popupElsewhere', name)}</h2>
      <ul class="plain">
        {incidents.slice(0, 5).map((i) => (
          <li key={i.id} data-testid="elsewhere-incident">
            {safeUrl(i.url) ? <Link href={i.url}>{i.title}</Link> : i.title}{' '}
            <span class="muted">
              {incidentStatusWord(i.status)}
              {i.components.length > 0 ? ` · ${i.components.slice(0, 3).join(', ')}` : ''} ·{' '}
              <Time iso={i.updatedAt ?? i.createdAt} now={now} />
            </span>
          </li>
        ))}
        {components.slice(0, 6).map((c) => (
          <li key={`c-${c.id}`}>
            <span class="comp-name">{c.name}</span>{' '}
            <span class={`comp-status c-${c.status}`}>{t(COMPONENT_WORDS[c.status] ?? 'componentUnknown')}</span>
          </li>
        ))}
      </ul>
      <p class="muted">{t('popupElsewhereNote')}</p>
    </section>
  );
}

function Upcoming({ record, now }: { record: ServiceRecord; now: number }) {
  const upcoming = (record.snapshot?.maintenances ?? []).filter(
    (m) => !maintenanceInProgress(m, now) && m.status === 'scheduled' && m.scheduledFor && Date.parse(m.scheduledFor) > now,
  );
  if (upcoming.length === 0) return null;
  return (
    <section class="card" aria-labelledby="up-h">
      <h2 id="up-h">{t('popupUpcomingHeading')}</h2>
      <ul class="plain">
        {upcoming.slice(0, 3).map((m) => (
          <li key={m.id}>
            <Link href={m.url}>{m.title}</Link> <span class="muted">{rich('popupStarts', [<Time iso={m.scheduledFor} now={now} />])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whether this browser watches the service's requests (null: turned off in options, nothing offered). */
export type RequestWatchState = { on: boolean; denied?: boolean } | null;

/** What the evidence card and its requests row are drawn from. */
interface EvidenceProps {
  service: Service;
  evidence: ServiceEvidence | null;
  watch: RequestWatchState;
  verdict: Verdict;
  actions: PopupActions;
}

/** This browser's failed requests, or the offer to watch them ("Watch this site's requests", with why). */
function RequestsRow({ service, evidence, watch, verdict, actions }: EvidenceProps) {
  const r = evidence?.requests;
  if (r?.trouble) {
    return (
      <>
        <li data-testid="request-failures">{`${capitalise(requestSummary(r, service.name))}.`}</li>
        <li class="muted" data-testid="request-scope">
          {verdict === 'acknowledged' ? t('popupCorroborates') : evidence?.crowd?.likely ? null : t('popupThisBrowserOnly')}
        </li>
      </>
    );
  }
  if (r && r.failed > 0 && r.discounted) {
    return <li class="muted">{t(r.discounted === 'offline' ? 'popupDiscountedOffline' : 'popupDiscountedOthers')}</li>;
  }
  if (!watch) return null;
  if (watch.on) {
    return (
      <li class="muted" data-testid="request-watching">
        {t('popupWatchingRequests', [r?.total ?? 0, r?.failed ?? 0])}
      </li>
    );
  }
  return (
    <li class="watch-offer" data-testid="request-offer">
      <button type="button" class="refresh" onClick={actions.onWatchRequests}>
        {t('popupWatchRequests')}
      </button>{' '}
      <span class="muted">{watch.denied ? t('popupWatchDenied') : t('popupWatchRequestsWhy', service.name)}</span>
    </li>
  );
}

function EvidenceCard({ service, evidence, watch, verdict, actions }: EvidenceProps) {
  const local = evidence?.local;
  const failing = local && local.failures >= 3 && !local.discounted;
  const requests = <RequestsRow service={service} evidence={evidence} watch={watch} verdict={verdict} actions={actions} />;
  const quiet = !failing && !local?.manual && !(local && local.failures > 0) && !evidence?.requests.failed;
  if (quiet) {
    return (
      <>
        {watch ? <ul class="plain requests-quiet">{requests}</ul> : null}
        <p class="report-row quiet">
          <span class="muted">{t('popupNotWorking')}</span>{' '}
          <button type="button" class="refresh" onClick={() => actions.onReport(true)}>
            {t('popupReportBroken')}
          </button>
        </p>
      </>
    );
  }
  return (
    <section class="card evidence" aria-labelledby="ev-h">
      <h2 id="ev-h">{t('popupThisBrowser')}</h2>
      <ul class="plain">
        {failing ? (
          <li data-testid="local-failures">{t('popupLocalFailures', [local.hosts.join(', ') || t('popupTheSite'), local.failures])}</li>
        ) : null}
        {local && local.failures > 0 && local.discounted === 'offline' ? <li class="muted">{t('popupDiscountedOffline')}</li> : null}
        {local && local.failures > 0 && local.discounted === 'other_sites_failing' ? (
          <li class="muted">{t('popupDiscountedOthers')}</li>
        ) : null}
        {requests}
      </ul>
      <p class="report-row">
        {local?.manual ? (
          <>
            <span data-testid="reported">{t('popupYouReported')}</span>{' '}
            <button type="button" class="linklike" onClick={() => actions.onReport(false)}>
              {t('popupUndo')}
            </button>
          </>
        ) : (
          <button type="button" class="refresh" onClick={() => actions.onReport(true)}>
            {t('popupReportBroken')}
          </button>
        )}
      </p>
    </section>
  );
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** How long the provider has been silent: "12 min" (what `relativeTime` says, without "ago"). */
function silentFor(since: number, now: number): string {
  const diff = now - since;
  return Number.isFinite(since) && diff >= 45_000 ? agoWords(diff) : relativeTime(since, now);
}

type Details = typeof import('./PopupDetails');
let details: Details | null = null;
let detailsLoading: Promise<Details> | null = null;

/**
 * The detail cards — complaints (volume, sparkline, sources), "when will it be back" (parses
 * update text) and the track record (crunches the feed's history) — load after the verdict is on
 * screen (call this after the first paint, then paint again). Until then they are not there yet;
 * the verdict, its reason and the provider's latest word never wait for them.
 */
export function loadDetails(): Promise<Details> {
  detailsLoading ??= import('./PopupDetails').then((m) => (details = m));
  return detailsLoading;
}

function ServiceView({ data, actions }: { data: PopupData & { service: Service }; actions: PopupActions }) {
  const { service, record, now } = data;
  const { result, elsewhere, componentsElsewhere } = evaluate(
    service,
    record,
    now,
    data.pollIntervalMin,
    data.evidence?.verdict,
    focusOf(service, data.view),
  );
  const v = result.verdict;
  const part = partName(service, data.view);
  const region = data.view && data.view.service === service.id ? data.view.region : null;
  // What "checked" means: the official feed, or — for a service without one — the complaint sources.
  const crowdAt = Math.max(0, ...(data.evidence?.crowdRecords ?? []).map((r) => r.lastQueryAt ?? 0));
  const checkedAt = service.official ? (record?.lastAttemptAt ?? null) : crowdAt > 0 ? crowdAt : null;
  const lastGood = record?.lastSuccessAt ?? null;
  const incident = result.incident;
  const past = [...(record?.snapshot?.recent ?? []), ...(record?.history ?? [])];
  return (
    <main
      class={`popup v-${v} sev-${result.severity ?? 'none'}`}
      data-verdict={v}
      data-service={service.id}
      data-checked-at={checkedAt ? new Date(checkedAt).toISOString() : ''}
      data-details={details ? 'ready' : 'pending'}
    >
      <div class="verdict" role="status" aria-live="polite">
        <span class="verdict-icon" aria-hidden="true">
          {VERDICT_ICON[v]}
        </span>
        <div>
          <h1 data-testid="headline">{headline(service.name, result)}</h1>
          <p class="reason">
            <span class="verdict-word">{verdictWord(v)}</span> · {result.reason}
          </p>
        </div>
      </div>

      {v === 'unknown' && result.problem && lastGood !== null && record?.snapshot ? (
        <p class="note" data-testid="last-known">
          {rich('popupLastKnown', [<Time iso={new Date(lastGood).toISOString()} now={now} />])}
        </p>
      ) : null}

      <FeedAccess name={service.name} access={data.feedAccess ?? null} onAllow={actions.onAllowFeed} />
      {part || region ? (
        <p class="note" data-testid="part">
          {part && region ? t('popupPartRegion', [part, region]) : part ? t('popupPart', part) : t('popupRegion', region!)}
        </p>
      ) : null}
      <Upstream site={service} result={result} upstream={data.upstream ?? []} now={now} />
      <AckStory episode={data.episode} now={now} />
      {result.silentSince !== null && result.silentSince !== undefined && !(data.episode && data.episode.endedAt === null) ? (
        <p class="story" data-testid="silence">
          {t('silenceFor', silentFor(result.silentSince, now))}
        </p>
      ) : null}
      {incident ? <LatestUpdate incident={incident} now={now} provider={service.name} /> : null}
      <EvidenceCard service={service} evidence={data.evidence} watch={data.requestWatch} verdict={v} actions={actions} />
      {data.backWatched ? (
        <p class="report-row" data-testid="back-watching">
          <span>{t('popupBackWatching')}</span>{' '}
          <button type="button" class="linklike" onClick={() => actions.onBackWatch?.(false)}>
            {t('popupBackCancel')}
          </button>
        </p>
      ) : mayWatchBack(v, (data.evidence?.local.failures ?? 0) > 0) ? (
        <p class="report-row">
          <button type="button" class="refresh" data-testid="back-watch" onClick={() => actions.onBackWatch?.(true)}>
            {t('popupBackWatch')}
          </button>
        </p>
      ) : null}
      {record?.snapshot ? <Components record={record} exclude={componentsElsewhere} /> : null}
      <Elsewhere name={service.name} incidents={elsewhere} components={componentsElsewhere} now={now} />
      {details ? (
        <details.ComplaintsCard
          service={service}
          spike={data.evidence?.crowd ?? null}
          records={data.evidence?.crowdRecords ?? []}
          now={now}
        />
      ) : null}
      {v === 'acknowledged' || v === 'unacknowledged' || v === 'maintenance' ? (
        details ? (
          <details.When incident={v === 'unacknowledged' ? null : incident} past={past} now={now} />
        ) : null
      ) : null}
      {record?.snapshot ? <Upcoming record={record} now={now} /> : null}
      {service.official && details ? <details.Track past={past} episodes={data.episodes} /> : null}
      {service.official === null && service.note ? <p class="note">{service.note}</p> : null}
      {service.official === null && data.find && actions.onFind ? (
        <FindStatusPage find={data.find} now={now} onFind={actions.onFind} />
      ) : null}

      <footer class="foot">
        <RelayPathLine serviceId={service.id} checkedAt={checkedAt} />
        <div class="foot-row">
          <span class="muted" data-testid="checked">
            {checkedAt ? rich('popupChecked', [<Time iso={new Date(checkedAt).toISOString()} now={now} />]) : t('notCheckedYet')}
          </span>
          <button type="button" class="refresh" onClick={actions.onRefresh} disabled={data.refreshing} aria-busy={data.refreshing}>
            {data.refreshing ? t('checking') : t('popupRefresh')}
          </button>
        </div>
        <div class="foot-row links-row">
          <Link href={service.statusPage}>{service.official ? t('popupOfficialStatusPage') : t('popupHelpPage')}</Link>
          <button type="button" class="linklike" onClick={() => actions.onCopy('text')} title={t('popupCopyTitle')}>
            {t('popupCopy')}
          </button>
          <button type="button" class="linklike" onClick={() => actions.onCopy('markdown')} title={t('popupCopyMarkdownTitle')}>
            {t('popupCopyMarkdown')}
          </button>
        </div>
      </footer>
      <p class="status-line" role="status" aria-live="polite">
        {data.status ?? ''}
      </p>
    </main>
  );
}

function Watched({ data, actions }: { data: PopupData; actions: PopupActions }) {
  const rows = data.watched.filter((w) => w.service.id !== data.service?.id);
  return (
    <section class="watched" aria-labelledby="watched-h">
      <div class="watched-head">
        <h2 id="watched-h">{t('secWatched')}</h2>
        <button type="button" class="linklike" onClick={actions.onOptions}>
          {t('popupChoose')}
        </button>
      </div>
      {rows.length === 0 ? <p class="muted">{t('popupNoOtherWatched')}</p> : null}
      <ul>
        {rows.map(({ service, record, evidence }) => {
          const focus = focusOfChoice(service, data.watchedParts?.[service.id]);
          const { result } = evaluate(service, record, data.now, data.pollIntervalMin, evidence?.verdict, focus);
          return (
            <li key={service.id} data-watched={service.id} data-watched-verdict={result.verdict}>
              <button type="button" class="watched-row" onClick={() => actions.onSelect(service.id)}>
                <span class={`dot v-${result.verdict} sev-${result.severity ?? 'none'}`} aria-hidden="true">
                  {VERDICT_ICON[result.verdict]}
                </span>
                <span class="w-name">{service.name}</span>
                <span class="w-verdict">
                  {verdictWord(result.verdict)} · {result.reason}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * "Find a status page for example.com", offered on a site no service owns. The requests reveal the
 * site to the hosts asked, so they happen only on the press (the worker runs them; core/find/).
 */
function FindStatusPage({
  find,
  now,
  onFind,
}: {
  find: { site: string; state: FindState };
  now: number;
  onFind: (readSite: boolean) => void;
}) {
  const [readSite, setReadSite] = useState(false);
  const s = find.state;
  const busy = s.state === 'busy';
  let outcome: string | null = null;
  if (s.state === 'busy') outcome = t('popupFindBusy');
  else if (s.state === 'denied') outcome = t('popupFindDenied');
  else if (s.state === 'failed') outcome = t('popupFindFailed');
  else if (s.state === 'done') {
    const f = s.result.found;
    outcome = f
      ? t('popupFindFound', [f.label, KIND_LABELS[f.kind as OfficialKind] ?? f.kind, find.site])
      : t('popupFindNone', [find.site, relativeTime(s.result.at, now), s.result.tried.join(', ')]);
  }
  return (
    <section class="card find" aria-labelledby="find-h">
      <h2 id="find-h" class="visually-hidden">
        {t('popupFindButton', find.site)}
      </h2>
      <p class="check">
        <input
          type="checkbox"
          id="find-read-site"
          checked={readSite}
          onChange={(e) => setReadSite((e.currentTarget as HTMLInputElement).checked)}
        />
        <label for="find-read-site">{t('popupFindReadSite', find.site)}</label>
      </p>
      <button
        type="button"
        class="btn"
        data-action="find-status-page"
        disabled={busy}
        aria-describedby="find-why"
        onClick={() => onFind(readSite)}
      >
        {t('popupFindButton', find.site)}
      </button>
      <p id="find-why" class="muted small">
        {t('popupFindWhy', find.site)}
      </p>
      <p role="status" data-testid="find-outcome" class={outcome ? 'note' : 'msg-empty'}>
        {outcome}
      </p>
    </section>
  );
}

export function Popup({ data, actions }: { data: PopupData; actions: PopupActions }) {
  return (
    <div class="shell">
      {data.service ? (
        <ServiceView data={{ ...data, service: data.service }} actions={actions} />
      ) : (
        <main class="popup v-none" data-site-unknown="true">
          <header class="verdict">
            <span class="verdict-icon" aria-hidden="true">
              ·
            </span>
            <div>
              <h1>{data.host ? t('popupNoSource', data.host) : t('popupNoSite')}</h1>
              <p class="reason">{data.host ? t('popupNoService') : t('popupOpenSite')}</p>
            </div>
          </header>
          {data.find && actions.onFind ? <FindStatusPage find={data.find} now={data.now} onFind={actions.onFind} /> : null}
        </main>
      )}
      <Watched data={data} actions={actions} />
    </div>
  );
}
