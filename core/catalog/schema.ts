/**
 * The shape of the service catalog (core/catalog/services/*.json), as a zod (mini) schema.
 *
 * The catalog is data we ship, so any violation is a programming error: the build validates the
 * file (wxt.config.ts, before writing catalog.jsonl) and fails, and test/unit/catalog.test.ts checks
 * the same rules. The extension does not run zod at runtime: the per-field rules live in ./rules.ts
 * as plain predicates, shared with settings.
 */
import * as z from 'zod/mini';
import { OFFICIAL_KINDS } from '../official/kinds';
import { parsePattern } from '../parts/pattern';
import {
  BASE_URL_KINDS,
  BASE_URL_MESSAGE,
  CATEGORIES,
  DOMAIN_PATTERN,
  HTTPS_URL_MESSAGE,
  ID_PATTERN,
  ISO_DATE_MESSAGE,
  isBaseUrl,
  isHttpsUrl,
  isIsoDate,
} from './rules';

export { CATEGORIES, type Category } from './rules';

export { BASE_URL_KINDS, DOMAIN_PATTERN, ID_PATTERN } from './rules';

const nonEmpty = () => z.string().check(z.trim(), z.minLength(1));

/** An absolute https URL with a real domain name (no IPs, no localhost, no credentials): the rule in ./rules.ts. */
export const httpsUrl = () => z.string().check(z.refine(isHttpsUrl, HTTPS_URL_MESSAGE));

/**
 * Where the official word comes from. For Statuspage-family kinds `url` is the base of the status
 * site; for every other kind it is the feed's own URL. `scope` narrows a shared feed to this
 * entry's part of a big provider (Google Workspace product names, AWS service keys, Apple service
 * names…): incidents that touch none of them are not this service's.
 */
export const officialSchema = z
  .strictObject({
    kind: z.enum(OFFICIAL_KINDS),
    url: httpsUrl(),
    scope: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
  })
  .check(z.refine((o) => !BASE_URL_KINDS.has(o.kind) || isBaseUrl(o.url), BASE_URL_MESSAGE));

/**
 * A part of a service (docs/design.md, "The part in front of you"): the addresses that show it
 * (`match`, grammar in core/parts/pattern.ts) and either the provider's components for it
 * (`components`, aliases allowed: a renamed component keeps its old name too) or another catalog
 * entry whose own status page speaks for it (`service`: Jira's page for `*.atlassian.net/jira`).
 */
export const partSchema = z
  .strictObject({
    id: z.string().check(z.regex(ID_PATTERN, 'part id must be a lowercase slug (a-z, 0-9, -)')),
    match: z
      .array(
        z
          .string()
          .check(
            z.refine(
              (p) => parsePattern(p) !== null,
              'pattern must be "/seg/…", "host/seg/…" or "*.domain/seg/…" (segments: literal or *)',
            ),
          ),
      )
      .check(z.minLength(1)),
    name: z.optional(nonEmpty()),
    components: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
    service: z.optional(z.string().check(z.regex(ID_PATTERN))),
  })
  .check(
    z.refine((p) => (p.components === undefined) !== (p.service === undefined), 'a part names either `components` or `service`, not both'),
  );

export const serviceSchema = z
  .strictObject({
    id: z.string().check(z.regex(ID_PATTERN, 'id must be a lowercase slug (a-z, 0-9, -)')),
    name: nonEmpty(),
    category: z.enum(CATEGORIES),
    domains: z.array(z.string().check(z.regex(DOMAIN_PATTERN, 'domain must be a lowercase hostname without scheme or wildcard'))).check(
      z.minLength(1, 'at least one domain'),
      z.refine((ds) => new Set(ds).size === ds.length, 'duplicate domain within the entry'),
    ),
    /**
     * Hosts the service's web and app clients call that are not under its `domains`: API,
     * playback, sync and CDN hosts (`aiv-cdn.net` for Prime Video). Same form as a domain, and
     * subdomains match too. This browser's failed requests to `domains` ∪ `apiHosts` are evidence
     * (core/local/requests.ts); listing a host here is also what the person is asked to allow.
     * Never a host another service claims, never a shared third-party host (analytics, generic CDNs).
     */
    apiHosts: z.optional(
      z.array(z.string().check(z.regex(DOMAIN_PATTERN, 'apiHost must be a lowercase hostname without scheme or wildcard'))).check(
        z.minLength(1, 'leave apiHosts out rather than empty'),
        z.refine((hs) => new Set(hs).size === hs.length, 'duplicate apiHost within the entry'),
      ),
    ),
    /** Page for humans (always shown as a link), https. */
    statusPage: httpsUrl(),
    /** Machine-readable official status, or null when the provider publishes none. */
    official: z.nullable(officialSchema),
    /** The parts of the service a tab can show (path/subdomain → components or a product's own page). */
    parts: z.optional(z.array(partSchema).check(z.minLength(1))),
    /**
     * Infrastructure the site is publicly known to run on (another catalog entry: a cloud or CDN),
     * with the regions where known and the public source that says so. When the site fails while
     * that provider has an open incident there, the popup says it is likely related; the site's
     * own verdict stays what its own evidence says (core/parts/upstream.ts).
     */
    upstream: z.optional(
      z
        .array(
          z.strictObject({
            service: z.string().check(z.regex(ID_PATTERN)),
            regions: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
            source: httpsUrl(),
          }),
        )
        .check(z.minLength(1)),
    ),
    /** Name variants and hashtags for complaint search. */
    searchTerms: z.optional(z.array(nonEmpty())),
    /** Why there is no official feed, or anything else a person should know. Required when official is null. */
    note: z.optional(nonEmpty()),
    /**
     * The evidence for `statusPage`, `official` (kind and URL) and `domains`: a documentation page, a
     * public list with its licence and snapshot, a captured payload, or what was checked when the
     * provider publishes nothing. Never shown to people; it is how a maintainer re-checks the entry.
     */
    source: nonEmpty(),
    /** When that evidence was last checked: an ISO date (YYYY-MM-DD), no later than today. */
    verified: z.string().check(z.refine((v) => isIsoDate(v), ISO_DATE_MESSAGE)),
  })
  .check(
    z.refine((s) => s.official !== null || (s.note !== undefined && s.note.length > 0), {
      message: 'an entry without an official feed must explain why in `note`',
      path: ['note'],
    }),
  );

export const catalogSchema = z
  .strictObject({
    $comment: z.optional(z.string()),
    services: z.array(serviceSchema).check(z.minLength(1, 'the catalog is empty')),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      const ids = new Map<string, number>();
      const owners = new Map<string, string>();
      catalog.services.forEach((s, i) => {
        const first = ids.get(s.id);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate id "${s.id}" (also at services[${first}])`,
            path: ['services', i, 'id'],
            input: s.id,
          });
        } else {
          ids.set(s.id, i);
        }
        const partIds = new Set<string>();
        (s.parts ?? []).forEach((p, j) => {
          if (partIds.has(p.id)) {
            ctx.addIssue({
              code: 'custom',
              message: `duplicate part id "${p.id}" in "${s.id}"`,
              path: ['services', i, 'parts', j, 'id'],
              input: p.id,
            });
          }
          partIds.add(p.id);
          if (p.service !== undefined && (p.service === s.id || !catalog.services.some((x) => x.id === p.service))) {
            ctx.addIssue({
              code: 'custom',
              message: `part "${p.id}" of "${s.id}" points to "${p.service}", which is not another catalog entry`,
              path: ['services', i, 'parts', j, 'service'],
              input: p.service,
            });
          }
        });
        (s.upstream ?? []).forEach((u, j) => {
          if (u.service === s.id || !catalog.services.some((x) => x.id === u.service)) {
            ctx.addIssue({
              code: 'custom',
              message: `upstream "${u.service}" of "${s.id}" is not another catalog entry`,
              path: ['services', i, 'upstream', j, 'service'],
              input: u.service,
            });
          }
        });
        s.domains.forEach((d, j) => {
          const owner = owners.get(d);
          if (owner !== undefined && owner !== s.id) {
            ctx.addIssue({
              code: 'custom',
              message: `domain "${d}" is claimed by both "${owner}" and "${s.id}"`,
              path: ['services', i, 'domains', j],
              input: d,
            });
          } else {
            owners.set(d, s.id);
          }
        });
      });
      // An API host belongs to one service: not under another service's domain (it would count
      // that service's failures as this one's), not listed by two services.
      const apiOwners = new Map<string, string>();
      catalog.services.forEach((s, i) => {
        (s.apiHosts ?? []).forEach((h, j) => {
          const labels = h.split('.');
          // Under another service's domain, or above one (`google.com` would ask for Gmail's hosts too).
          const claimedBy =
            labels.map((_, k) => owners.get(labels.slice(k).join('.'))).find((o) => o !== undefined) ??
            [...owners].find(([d, o]) => o !== s.id && d.endsWith(`.${h}`))?.[1];
          const listedBy = apiOwners.get(h);
          if (claimedBy !== undefined && claimedBy !== s.id) {
            ctx.addIssue({
              code: 'custom',
              message: `apiHost "${h}" of "${s.id}" is under a domain of "${claimedBy}"`,
              path: ['services', i, 'apiHosts', j],
              input: h,
            });
          } else if (listedBy !== undefined && listedBy !== s.id) {
            ctx.addIssue({
              code: 'custom',
              message: `apiHost "${h}" is listed by both "${listedBy}" and "${s.id}"`,
              path: ['services', i, 'apiHosts', j],
              input: h,
            });
          } else {
            apiOwners.set(h, s.id);
          }
        });
      });
    }),
  );

export type Official = z.infer<typeof officialSchema>;
/** An entry as written in the catalog files, with its evidence. */
export type CatalogEntry = z.infer<typeof serviceSchema>;
/** Evidence fields: for maintainers, never shipped in the extension's catalog.jsonl. */
export const EVIDENCE_FIELDS = ['source', 'verified'] as const;
/** A service as the extension sees it (catalog.jsonl, custom status pages): without the evidence. */
export type Service = Omit<CatalogEntry, (typeof EVIDENCE_FIELDS)[number]>;
export type Catalog = z.infer<typeof catalogSchema>;
