/**
 * The catalog as the extension package carries it (`catalog.jsonl`, written by the build from
 * core/catalog/services/*.json — wxt.config.ts): a small matching index on the first line, then
 * one entry per line. Pure and browser-safe; both halves of the format live here.
 *
 * Why not one JSON array: the worker wakes every minute and the popup opens in an outage, and
 * both used to parse every entry (1,200, 400 kB) at each start, although a start needs only the
 * watched services and the site in front of the person. Here a start parses the index (ids,
 * domains and API hosts → entry number, where each line starts: ~10 % of the bytes) and keeps the
 * file's text; an entry is parsed the first time it is asked for, then kept. Only `services`
 * (the options page's full list) parses them all.
 *
 * The text is kept ASCII (non-ASCII characters escaped as \uXXXX, still the same JSON values):
 * V8 then holds it one byte per character, and character offsets are byte offsets.
 */
import { freezeService, matchIn, type Catalog, type HostLookup } from './match';
import type { Service } from './schema';

/** The file's name in the extension package. */
export const CATALOG_FILE = 'catalog.jsonl';

/** Bumped when the layout changes; a reader refuses any other. */
export const PACK_VERSION = 1;

/** The first line. Maps are JSON objects (own keys only are read: see `own`). */
interface PackIndex {
  v: number;
  /** id → entry number */
  id: Record<string, number>;
  /** domain → entry number (the schema guarantees one owner per domain) */
  domain: Record<string, number>;
  /** API host → entry number */
  api: Record<string, number>;
  /** where line k + 1 (entry k) starts, and at the end where the text ends + 1 */
  at: number[];
}

const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Build side: the packed text of these (validated, evidence-free) services, in their order. */
export function packCatalog(services: readonly Service[]): string {
  const lines = services.map(asciiJson);
  const index: PackIndex = { v: PACK_VERSION, id: {}, domain: {}, api: {}, at: [] };
  services.forEach((s, i) => {
    index.id[s.id] = i;
    for (const d of s.domains) index.domain[d] = i;
    for (const h of s.apiHosts ?? []) index.api[h] = i;
  });
  // The offsets depend on the index line's own length, which depends on the offsets: lay them
  // out from a first guess and repeat until the length stops changing (two rounds in practice).
  let head = '';
  for (let round = 0; round < 10; round++) {
    let at = head.length + 1;
    index.at = lines.map((l) => {
      const start = at;
      at += l.length + 1;
      return start;
    });
    index.at.push(at);
    const next = asciiJson(index);
    if (next.length === head.length) return `${next}\n${lines.join('\n')}\n`;
    head = next;
  }
  throw new Error('packCatalog: the index line did not settle');
}

const own = (o: Record<string, number>, key: string): number | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);

/**
 * Runtime: a catalog over the packed text. Throws if the text is not a packed catalog of this
 * version. Entries are parsed on first use and frozen; the same object is returned every time.
 */
export function catalogFromPack(text: string): Catalog {
  const nl = text.indexOf('\n');
  const index = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Partial<PackIndex>;
  if (index.v !== PACK_VERSION || !index.id || !index.domain || !index.api || !Array.isArray(index.at) || index.at.length < 1)
    throw new Error(`not a packed catalog of version ${PACK_VERSION}`);
  const { id, domain, api, at } = index as PackIndex;
  const count = at.length - 1;
  if (count === 0 || Object.keys(id).length !== count)
    throw new Error('the packed catalog has no services, or its index does not match them');
  const parsed: (Service | undefined)[] = new Array<Service | undefined>(count);
  const entry = (i: number): Service => (parsed[i] ??= freezeService(JSON.parse(text.slice(at[i], at[i + 1]! - 1)) as Service));
  const lookup = (o: Record<string, number>): HostLookup => ({
    get: (key) => {
      const i = own(o, key);
      return i === undefined ? undefined : entry(i);
    },
  });
  const byDomain = lookup(domain);
  const byApiHost = lookup(api);
  const byId = lookup(id);
  let all: readonly Service[] | null = null;
  return {
    get services() {
      all ??= Object.freeze(Array.from({ length: count }, (_, i) => entry(i)));
      return all;
    },
    get: (key) => byId.get(key),
    match: (host) => matchIn(byDomain, host),
    matchApiHost: (host) => matchIn(byApiHost, host),
  };
}
