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

/**
 * The first line. Each lookup is a pair of arrays, keys sorted (UTF-16 code-unit order, the
 * order of `<`) with the entry number beside each, searched by bisection: arrays of strings
 * parse several times faster than an object with thousands of keys, and nothing is built from
 * them at start — a lookup is ~11 string comparisons.
 */
interface PackIndex {
  v: number;
  /** ids, sorted, and each one's entry number */
  id: [string[], number[]];
  /** domains (one owner each: the schema), sorted, and the owner's entry number */
  domain: [string[], number[]];
  /** API hosts, sorted, and the owner's entry number */
  api: [string[], number[]];
  /** where line k + 1 (entry k) starts, and at the end where the text ends + 1 */
  at: number[];
}

const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Build side: the packed text of these (validated, evidence-free) services, in their order. */
export function packCatalog(services: readonly Service[]): string {
  const lines = services.map(asciiJson);
  const sorted = (pairs: [string, number][]): [string[], number[]] => {
    pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return [pairs.map(([k]) => k), pairs.map(([, i]) => i)];
  };
  const index: PackIndex = {
    v: PACK_VERSION,
    id: sorted(services.map((s, i) => [s.id, i])),
    domain: sorted(services.flatMap((s, i) => s.domains.map((d): [string, number] => [d, i]))),
    api: sorted(services.flatMap((s, i) => (s.apiHosts ?? []).map((h): [string, number] => [h, i]))),
    at: [],
  };
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

/** The entry number beside `key` in a sorted pair of arrays, or undefined. */
function bisect([keys, entries]: [string[], number[]], key: string): number | undefined {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid]!;
    if (k === key) return entries[mid];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const isPairs = (x: unknown): x is [string[], number[]] =>
  Array.isArray(x) && x.length === 2 && Array.isArray(x[0]) && Array.isArray(x[1]) && x[0].length === x[1].length;

/**
 * Runtime: a catalog over the packed text. Throws if the text is not a packed catalog of this
 * version. Entries are parsed on first use and frozen; the same object is returned every time.
 */
export function catalogFromPack(text: string): Catalog {
  const nl = text.indexOf('\n');
  const index = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Partial<PackIndex>;
  if (index.v !== PACK_VERSION || !isPairs(index.id) || !isPairs(index.domain) || !isPairs(index.api) || !Array.isArray(index.at))
    throw new Error(`not a packed catalog of version ${PACK_VERSION}`);
  const { id, domain, api, at } = index as PackIndex;
  const count = at.length - 1;
  if (count <= 0 || id[0].length !== count) throw new Error('the packed catalog has no services, or its index does not match them');
  const parsed: (Service | undefined)[] = new Array<Service | undefined>(count);
  const entry = (i: number): Service => (parsed[i] ??= freezeService(JSON.parse(text.slice(at[i], at[i + 1]! - 1)) as Service));
  const lookup = (pairs: [string[], number[]]): HostLookup => ({
    get: (key) => {
      const i = bisect(pairs, key);
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
