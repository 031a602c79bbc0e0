/**
 * Options: add a status page by its address. The feed format is detected; host access for that
 * origin is asked for first (inside the submit handler: browsers only prompt during a user gesture).
 */
import { useRef, useState } from 'preact/hooks';
import type { Service } from '@/core/catalog/catalog';
import { t } from '@/core/i18n';
import type { Result } from '@/core/model';
import { KIND_LABELS } from '@/core/official/kinds';
import { readCustomService, type CustomService, type Settings } from '@/core/settings';
import { customIdFor, normaliseStatusPageUrl, parseDomainsInput } from '@/core/settings-io';
import { isIntranetUrl } from '@/core/catalog/rules';
import type { DetectedFeed } from '@/core/official/detect';
import type { Announce, OptionsDeps, Update } from './Options';
import { hostPermissionOrigins } from '@/core/net/access';
import { Field } from './fields';

const originOf = (url: string) => new URL(url).origin;
/** The host permission for an origin: match patterns take no port ("http://10.0.0.5:3001" → "http://10.0.0.5/*"). */
const patternOf = (origin: string) => {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
};
const feedKey = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url;
  }
};

/** The catalog service this page or feed belongs to, if any (then it is watched instead of added). */
function catalogMatch(catalog: readonly Service[], page: string, feed: string): Service | undefined {
  const pageHost = new URL(page).host;
  return (
    catalog.find((s) => s.official && feedKey(s.official.url) === feedKey(feed)) ??
    catalog.find((s) => new URL(s.statusPage).host === pageHost && (!s.official || originOf(s.official.url) === originOf(feed)))
  );
}

/** The one catalog service with a feed whose status page lives on this origin, if exactly one does. */
function knownStatusPage(catalog: readonly Service[], origin: string): Service | undefined {
  const hits = catalog.filter((s) => s.official && originOf(s.statusPage) === origin);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Origins the manifest grants anyway (catalog feeds read with a host permission): never given back. */
function requiredOrigins(catalog: readonly Service[]): Set<string> {
  return new Set(hostPermissionOrigins(catalog).map((pattern) => pattern.slice(0, -'/*'.length)));
}

type Outcome = { kind: 'error'; text: string } | { kind: 'note'; text: string };

export function CustomSection({
  settings,
  deps,
  update,
  announce,
}: {
  settings: Settings;
  deps: OptionsDeps;
  update: Update;
  announce: Announce;
}) {
  const [url, setUrl] = useState('');
  const [domains, setDomains] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [errorField, setErrorField] = useState<'url' | 'domains' | null>(null);
  const urlInput = useRef<HTMLInputElement>(null);
  const domainsInput = useRef<HTMLInputElement>(null);
  const feedOrigins = useRef(new Map<string, string>());
  const latestSettings = useRef(settings);
  latestSettings.current = settings;

  const showError = (text: string, field: 'url' | 'domains' | null) => {
    setOutcome({ kind: 'error', text });
    setErrorField(field);
    if (field === 'url') urlInput.current?.focus();
    if (field === 'domains') domainsInput.current?.focus();
  };

  /** Give back host access we asked for, unless the manifest needs it or another custom page uses it. */
  const giveBack = (origin: string, exceptId?: string) => {
    if (requiredOrigins(deps.catalog).has(origin)) return;
    if (
      latestSettings.current.custom.some(
        (c) => c.id !== exceptId && (originOf(c.official.url) === origin || originOf(c.statusPage) === origin),
      )
    )
      return;
    void deps.removeOrigins([patternOf(origin)]).catch(() => undefined);
  };

  function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const page = normaliseStatusPageUrl(url);
    if (!page) return showError(t('customInvalidUrl'), 'url');
    const doms = parseDomainsInput(domains);
    if (!doms.ok) return showError(doms.problem.message, 'domains');
    const origin = originOf(page);
    // The status page of exactly one catalogued service with a feed: watch it, no prompt. (Its feed
    // may be read by CORS without any host permission, so asking for the page's origin would be a
    // needless prompt; detection adds nothing the catalog does not know.)
    const known = knownStatusPage(deps.catalog, origin);
    if (known) {
      setOutcome(null);
      setErrorField(null);
      update((s) => (s.watched.includes(known.id) ? s : { ...s, watched: [...s.watched, known.id] }));
      setOutcome({ kind: 'note', text: t('customIsCatalog', known.name) });
      setUrl('');
      return;
    }
    // A feed found last time on another site is asked for together with the page's own site.
    const origins = [...new Set([origin, feedOrigins.current.get(page) ?? origin].map(patternOf))];
    // First thing in the handler, before any await: the permission prompt needs the user gesture.
    let permission: Promise<boolean>;
    try {
      permission = deps.requestOrigins(origins);
    } catch (err) {
      permission = Promise.reject(err);
    }
    void finish(page, doms.value, origin, permission);
  }

  async function finish(page: string, doms: string[], origin: string, permission: Promise<boolean>) {
    const host = new URL(page).host;
    setBusy(true);
    setOutcome(null);
    setErrorField(null);
    try {
      const granted = await permission.catch(() => false);
      if (!granted) return showError(t('customDenied', host), 'url');

      let found: Result<DetectedFeed>;
      try {
        found = await deps.detect(page);
      } catch (err) {
        found = { ok: false, problem: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
      }
      if (!found.ok) {
        giveBack(origin);
        return showError(
          found.problem.code === 'no_official' ? t('customNotFound', host) : t('customUndetected', found.problem.message),
          'url',
        );
      }
      const feed = found.value;
      const feedOrigin = originOf(feed.url);
      if (feedOrigin !== origin && !requiredOrigins(deps.catalog).has(feedOrigin)) {
        // The feed lives on another site: it needs its own permission. Without a fresh gesture the
        // request may be refused; then the next press of Add asks for both at once.
        const ok = await deps.requestOrigins([patternOf(feedOrigin)]).catch(() => false);
        if (!ok) {
          feedOrigins.current.set(page, feedOrigin);
          return showError(t('customFeedElsewhere', new URL(feed.url).host), 'url');
        }
      }

      const known = catalogMatch(deps.catalog, page, feed.url);
      if (known) {
        giveBack(origin);
        update((s) => (s.watched.includes(known.id) ? s : { ...s, watched: [...s.watched, known.id] }));
        setOutcome({ kind: 'note', text: t('customIsCatalog', known.name) });
        setUrl('');
        return;
      }
      const current = latestSettings.current;
      const id = customIdFor(page);
      const existing = current.custom.find((c) => c.id === id || feedKey(c.official.url) === feedKey(feed.url));
      if (existing) return showError(t('customDuplicate', existing.name), 'url');

      const entry: CustomService = {
        id,
        name: feed.label.trim() || host,
        statusPage: page,
        official: { kind: feed.kind, url: feed.url },
        domains: doms,
      };
      if (readCustomService(entry) === null) {
        giveBack(origin);
        return showError(t('customUndetected', t('customUnusableFeed')), 'url');
      }
      update((s) => ({ ...s, custom: [...s.custom, entry], watched: s.watched.includes(id) ? s.watched : [...s.watched, id] }));
      setOutcome({ kind: 'note', text: t('customAdded', [entry.name, KIND_LABELS[feed.kind]]) });
      setUrl('');
      setDomains('');
    } finally {
      setBusy(false);
    }
  }

  const remove = (c: CustomService, btn: HTMLElement) => {
    const next = btn.closest('li')?.nextElementSibling?.querySelector<HTMLElement>('button') ?? urlInput.current;
    update((s) => ({
      ...s,
      custom: s.custom.filter((x) => x.id !== c.id),
      watched: s.watched.filter((w) => w !== c.id),
      notifications: { ...s.notifications, muted: s.notifications.muted.filter((m) => m !== c.id) },
    }));
    giveBack(originOf(c.official.url), c.id);
    if (originOf(c.statusPage) !== originOf(c.official.url)) giveBack(originOf(c.statusPage), c.id);
    announce(t('customRemoved', c.name));
    requestAnimationFrame(() => next?.focus());
  };

  const setWatched = (id: string, on: boolean) =>
    update((s) => ({ ...s, watched: on ? (s.watched.includes(id) ? s.watched : [...s.watched, id]) : s.watched.filter((w) => w !== id) }));

  // An intranet address (http, an IP address, a one-word host) is allowed for custom pages only;
  // the risk is said right under the field, before the person adds it.
  const typed = normaliseStatusPageUrl(url);
  const intranet = typed !== null && isIntranetUrl(typed) ? new URL(typed).origin : null;
  const describedUrl = ['custom-url-hint', intranet ? 'custom-intranet-risk' : '', errorField === 'url' ? 'custom-outcome' : '']
    .filter(Boolean)
    .join(' ');
  const describedDomains = ['custom-domains-hint', errorField === 'domains' ? 'custom-outcome' : ''].filter(Boolean).join(' ');

  return (
    <section id="sec-custom" aria-labelledby="sec-custom-h" class="card">
      <h2 id="sec-custom-h">{t('secCustom')}</h2>
      <p class="muted">{t('customIntro')}</p>
      <form noValidate onSubmit={onSubmit} aria-busy={busy}>
        <Field id="custom-url" label={t('customUrlLabel')}>
          <input
            ref={urlInput}
            id="custom-url"
            type="url"
            inputMode="url"
            autocomplete="url"
            spellcheck={false}
            placeholder="https://status.example.com"
            value={url}
            aria-invalid={errorField === 'url'}
            aria-describedby={describedUrl}
            onInput={(e) => {
              setUrl((e.currentTarget as HTMLInputElement).value);
              if (errorField === 'url') setErrorField(null);
            }}
          />
          <p id="custom-url-hint" class="hint">
            {t('customUrlHint')}
          </p>
          {intranet ? (
            <p id="custom-intranet-risk" class="hint warn" data-testid="custom-intranet-risk">
              {t('customIntranetRisk', intranet)}
            </p>
          ) : null}
        </Field>
        <Field id="custom-domains" label={t('customDomainsLabel')}>
          <input
            ref={domainsInput}
            id="custom-domains"
            type="text"
            autocomplete="off"
            spellcheck={false}
            placeholder="example.com, app.example.com"
            value={domains}
            aria-invalid={errorField === 'domains'}
            aria-describedby={describedDomains}
            onInput={(e) => {
              setDomains((e.currentTarget as HTMLInputElement).value);
              if (errorField === 'domains') setErrorField(null);
            }}
          />
          <p id="custom-domains-hint" class="hint">
            {t('customDomainsHint')}
          </p>
        </Field>
        <div class="actions">
          <button type="submit" class="btn primary" disabled={busy}>
            {busy ? t('customChecking') : t('customAdd')}
          </button>
        </div>
        <div id="custom-outcome" class="outcome-slot">
          {outcome?.kind === 'error' && (
            <p class="msg error" role="alert" data-testid="custom-error">
              <span class="msg-icon" aria-hidden="true">
                ✗
              </span>
              {outcome.text}
            </p>
          )}
          <p class={outcome?.kind === 'note' ? 'msg note' : 'msg-empty'} role="status" data-testid="custom-note">
            {outcome?.kind === 'note' && (
              <>
                <span class="msg-icon" aria-hidden="true">
                  ✓
                </span>
                {outcome.text}
              </>
            )}
          </p>
        </div>
      </form>

      {settings.custom.length > 0 && (
        <>
          <h3 id="custom-list-h">{t('customListHeading')}</h3>
          <ul class="rows" aria-labelledby="custom-list-h" data-testid="custom-list">
            {settings.custom.map((c) => {
              const watchId = `custom-watch-${c.id}`;
              return (
                <li key={c.id} class="row" data-service={c.id}>
                  <div class="row-text">
                    <span class="row-name">{c.name}</span>
                    <span class="row-meta">
                      {[new URL(c.statusPage).host, c.domains.length > 0 ? c.domains.join(', ') : t('customNoDomains')].join(' · ')}
                    </span>
                  </div>
                  <span class="check">
                    <input
                      type="checkbox"
                      id={watchId}
                      checked={settings.watched.includes(c.id)}
                      onChange={(e) => setWatched(c.id, (e.currentTarget as HTMLInputElement).checked)}
                    />
                    <label for={watchId}>{t('watchNamed', c.name)}</label>
                  </span>
                  <button
                    type="button"
                    class="btn"
                    aria-label={t('customDeleteNamed', c.name)}
                    onClick={(e) => remove(c, e.currentTarget as HTMLElement)}
                  >
                    {t('delete')}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
