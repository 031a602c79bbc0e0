/** Options: search the catalog, watch and unwatch services. */
import { feedPermissionOf } from '@/core/net/access';
import { useRef, useState } from 'preact/hooks';
import { hostnameOf, type Service } from '@/core/catalog/catalog';
import { t } from '@/core/i18n';
import { customAsService, type Settings } from '@/core/settings';
import type { Update } from './Options';
import { nameOf } from './name-of';
import { choosableParts } from '@/core/parts/view';

const MAX_RESULTS = 12;

/** The service owning a hostname among `services` (longest suffix on whole labels). */
function ownerOf(host: string, services: readonly Service[]): Service | undefined {
  const labels = host.replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const suffix = labels.slice(i).join('.');
    const hit = services.find((s) => s.domains.includes(suffix));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Catalog search by name, id, site domain (a pasted URL works too) and search terms; best first:
 * exact name or id, then names starting with the query, words starting with it, domains, then
 * anything containing it.
 */
export function searchServices(services: readonly Service[], query: string, limit = MAX_RESULTS): Service[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: { s: Service; score: number; i: number }[] = [];
  const host = q.includes('.') ? (hostnameOf(q) ?? hostnameOf(`https://${q}`)) : null;
  const owner = host ? ownerOf(host, services) : undefined;
  services.forEach((s, i) => {
    const name = s.name.toLowerCase();
    let score = -1;
    if (s === owner || s.id === q || name === q) score = 0;
    else if (name.startsWith(q) || s.id.startsWith(q)) score = 1;
    else if (name.split(/[^a-z0-9]+/).some((w) => w.startsWith(q))) score = 2;
    else if (s.domains.some((d) => d.startsWith(q))) score = 3;
    else if (name.includes(q) || s.domains.some((d) => d.includes(q))) score = 4;
    else if (s.searchTerms?.some((term) => term.toLowerCase().includes(q)) || s.category === q) score = 5;
    if (score >= 0) scored.push({ s, score, i });
  });
  scored.sort((a, b) => a.score - b.score || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.s);
}

const partLabel = (p: NonNullable<Service['parts']>[number]) => p.name ?? p.components?.[0] ?? p.id;

/** Per watched service: which of its catalog parts matter (settings `watchedParts`); none = the whole service. */
function PartsChoice({ service, chosen, update }: { service: Service; chosen: readonly string[]; update: Update }) {
  const parts = choosableParts(service);
  if (parts.length === 0) return null;
  const toggle = (partId: string, on: boolean) =>
    update((s) => {
      const now = (s.watchedParts[service.id] ?? []).filter((p) => p !== partId);
      const next = on ? [...now, partId] : now;
      const { [service.id]: _old, ...rest } = s.watchedParts;
      return { ...s, watchedParts: next.length > 0 ? { ...rest, [service.id]: next } : rest };
    });
  const names = parts.filter((p) => chosen.includes(p.id)).map(partLabel);
  return (
    <details class="parts-choice" data-testid={`parts-${service.id}`}>
      <summary>{names.length > 0 ? t('watchedPartsSome', names.join(', ')) : t('watchedPartsAll')}</summary>
      <fieldset>
        <legend>{t('watchedPartsLegend', service.name)}</legend>
        <p class="hint">{t('watchedPartsHint')}</p>
        {parts.map((p) => {
          const id = `part-${service.id}-${p.id}`;
          return (
            <div key={p.id} class="check">
              <input
                type="checkbox"
                id={id}
                checked={chosen.includes(p.id)}
                onChange={(e) => toggle(p.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              <label for={id}>{partLabel(p)}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

function metaOf(s: Service): string {
  const parts: string[] = [];
  if (s.domains.length > 0) parts.push(s.domains.slice(0, 3).join(', ') + (s.domains.length > 3 ? ', …' : ''));
  if (!s.official) parts.push(t('noOfficialFeed'));
  return parts.join(' · ');
}

/** Move focus among the result checkboxes with the arrow keys; Escape goes back to the search field. */
function onResultsKey(e: KeyboardEvent, search: HTMLInputElement | null) {
  const boxes = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const at = boxes.indexOf(e.target as HTMLInputElement);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) search?.focus();
    else boxes[Math.min(next, boxes.length - 1)]?.focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    search?.focus();
  }
}

export function WatchedSection({
  settings,
  catalog,
  update,
  requestOrigins,
}: {
  settings: Settings;
  catalog: readonly Service[];
  update: Update;
  /** Ask for host access (components/Options.tsx `OptionsDeps`); called synchronously from the click. */
  requestOrigins?: (origins: string[]) => Promise<boolean>;
}) {
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const all = [...catalog, ...settings.custom.map(customAsService)];
  const results = searchServices(all, query);
  const watched = new Set(settings.watched);

  const setWatched = (id: string, on: boolean) => {
    // A feed newer than the installed version's host permissions is asked for in this very click
    // (core/net/access.ts splitHostPermissions); said no, the service is still watched through
    // complaints and this browser, and the popup offers "Allow reading" again.
    const feed = on ? feedPermissionOf(all.find((x) => x.id === id) ?? { official: null }) : null;
    if (feed !== null && requestOrigins) void requestOrigins([feed]).catch(() => false);
    return update((s) => {
      if (on) return { ...s, watched: s.watched.includes(id) ? s.watched : [...s.watched, id] };
      // Unwatching forgets the choice of parts too: watching again starts from the whole service.
      const { [id]: _parts, ...watchedParts } = s.watchedParts;
      return { ...s, watched: s.watched.filter((w) => w !== id), watchedParts };
    });
  };

  const count =
    query.trim() === ''
      ? t('searchHint', String(catalog.length))
      : results.length === 0
        ? t('searchNone')
        : t('searchCount', String(results.length));

  return (
    <section id="sec-watched" aria-labelledby="sec-watched-h" class="card">
      <h2 id="sec-watched-h">{t('secWatched')}</h2>
      <p class="muted">{t('watchedIntro')}</p>
      <div class="field">
        <label for="catalog-search">{t('searchLabel')}</label>
        <input
          ref={search}
          id="catalog-search"
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder={t('searchPlaceholder')}
          aria-describedby="catalog-search-count"
          aria-controls={results.length > 0 ? 'catalog-results' : undefined}
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && results.length > 0) {
              e.preventDefault();
              document.querySelector<HTMLInputElement>('#catalog-results input')?.focus();
            } else if (e.key === 'Escape' && query !== '') {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
        <p id="catalog-search-count" class="hint" aria-live="polite">
          {count}
        </p>
      </div>
      {results.length > 0 && (
        <ul id="catalog-results" class="results" aria-label={t('searchResults')} onKeyDown={(e) => onResultsKey(e, search.current)}>
          {results.map((s) => {
            const id = `result-${s.id}`;
            return (
              <li key={s.id} class="result">
                <input
                  type="checkbox"
                  id={id}
                  checked={watched.has(s.id)}
                  aria-describedby={`${id}-meta`}
                  onChange={(e) => setWatched(s.id, (e.currentTarget as HTMLInputElement).checked)}
                />
                <label for={id}>
                  <span class="r-name">{s.name}</span>
                  {/* The checkbox already says "checked" to assistive technology. */}
                  <span class="r-state" aria-hidden="true">
                    {watched.has(s.id) ? t('watchedTag') : ''}
                  </span>
                </label>
                <span id={`${id}-meta`} class="r-meta">
                  {metaOf(s)}
                </span>
              </li>
            );
          })}
        </ul>
      )}

      <h3 id="watched-list-h">{t('watchedListHeading', String(settings.watched.length))}</h3>
      {settings.watched.length === 0 ? (
        <p class="empty">{t('watchedEmpty')}</p>
      ) : (
        <ul class="rows" aria-labelledby="watched-list-h" data-testid="watched-list">
          {settings.watched.map((id) => {
            const name = nameOf(id, catalog, settings);
            const svc = catalog.find((s) => s.id === id);
            const custom = settings.custom.find((c) => c.id === id);
            const meta = svc ? metaOf(svc) : custom ? t('customTag') : t('unknownServiceTag');
            return (
              <li key={id} class="row" data-service={id}>
                <div class="row-text">
                  <span class="row-name">{name}</span>
                  <span class="row-meta">{meta}</span>
                  {svc && <PartsChoice service={svc} chosen={settings.watchedParts[id] ?? []} update={update} />}
                </div>
                <button
                  type="button"
                  class="btn"
                  aria-label={t('unwatchNamed', name)}
                  onClick={(e) => {
                    // Keep keyboard focus in the list: the next row's button, else the previous one, else the search field.
                    const li = (e.currentTarget as HTMLElement).closest('li');
                    const next =
                      li?.nextElementSibling?.querySelector<HTMLElement>('button') ??
                      li?.previousElementSibling?.querySelector<HTMLElement>('button') ??
                      search.current;
                    setWatched(id, false);
                    requestAnimationFrame(() => next?.focus());
                  }}
                >
                  {t('remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
