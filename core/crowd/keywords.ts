/**
 * Is this post someone saying the service is down? A deliberately simple, explainable filter.
 *
 * A post is a complaint when it names the service (one of its search terms, whole words, or a
 * hashtag such as #GitHubDown) AND either
 *  - a STRONG word: down, not working (isn't / aren't / stopped working), outage(s), broken,
 *    offline, "is it down" — these count alone; or
 *  - a WEAK word: error(s), slow(ness), issue(s), problem(s), downtime — only together with a
 *    CONTEXT word: anyone / anybody, right now, today, again, just me, for everyone.
 *
 * Case-insensitive, Unicode word boundaries ("download", "breakdown", "lockdown" are not "down").
 * Before matching, common non-outage uses are blanked out: negations ("not down", "isn't broken",
 * "no issues"), phrasal verbs and idioms ("slow down", "shut down", "drop-down", "upside down",
 * "I'm down", "feeling down", "offline mode", "broken record"), GitHub's own vocabulary ("opened an
 * issue", "issue #123"), and URLs and @mentions (a path segment "/down" or a handle is not a word
 * someone wrote). The term check runs on the full text, so a link to the service still names it.
 *
 * The lists follow docs/design.md ("Complaints: spike detection"), which also draws on the
 * aiwatch filter; the extra variants are listed in core/crowd/README.md.
 */

export const STRONG_WORDS = ['down', 'not working', 'outage', 'broken', 'offline', 'is it down'] as const;
export const WEAK_WORDS = ['error', 'slow', 'issue', 'problem', 'downtime'] as const;
export const CONTEXT_WORDS = ['anyone', 'anybody', 'right now', 'today', 'again', 'just me', 'for everyone'] as const;

export interface ComplaintMatch {
  complaint: boolean;
  /** The search term found (without '#'), or null. */
  term: string | null;
  /** The strong phrase found, e.g. "down" or "#githubdown", or null. */
  strong: string | null;
  weak: string | null;
  context: string | null;
}

// Unicode word boundaries: a letter, digit or underscore on either side means "inside a word".
const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
const re = (body: string) => new RegExp(`${B}(?:${body})${E}`, 'gu');

const STRONG_RE = re("is it (?:just )?down|not working|(?:is|are|was|were)n'?t working|stopped working|outages?|broken|offline|down");
const WEAK_RE = re('errors?|slow(?:ness)?|issues?|problems?|downtime');
const CONTEXT_RE = re('anyone|anybody|right now|today|again|just me|for every(?:one|body)');

/** Hashtag suffixes that make `#<term><suffix>` a complaint on its own (#GitHubDown, #AWSoutage). */
const STRONG_SUFFIXES = new Set(['down', 'isdown', 'outage', 'outages', 'notworking', 'offline', 'broken']);

const NEG = "not|never|no longer|nothing(?:'s| is| was)?|(?:is|was|are|were|ai)n'?t|is not|was not|are not";
const PERSON = "i'?m|i am|i was|i'?ll be|we'?re|we are|we were|you'?re|you are|they'?re|they are|he'?s|she'?s";
const PHRASAL = [
  'slow(?:s|ed|ing)?',
  'calm(?:s|ed|ing)?',
  'shut(?:s|ting)?',
  'sit(?:s|ting)?|sat',
  'writ(?:e|es|ing|ten)|wrote',
  'track(?:s|ed|ing)?',
  'narrow(?:s|ed|ing)?',
  'scroll(?:s|ed|ing)?',
  'break(?:s|ing)?|broke',
  'turn(?:s|ed|ing)?',
  'cut(?:s|ting)?',
  'settl(?:e|es|ed|ing)',
  'step(?:s|ped|ping)?',
  'wind(?:s|ing)?|wound',
  'water(?:s|ed|ing)?',
  'dumb(?:s|ed|ing)?',
  'hunker(?:s|ed|ing)?',
  'boil(?:s|ed|ing)?',
  'jot(?:s|ted|ting)?',
  'ton(?:e|es|ed|ing)',
  'put(?:s|ting)?',
  'knock(?:s|ed|ing)?',
  'hand(?:s|ed|ing)?',
  'pin(?:s|ned|ning)?',
  'trickl(?:e|es|ed|ing)',
  'mark(?:s|ed|ing)?',
  'vot(?:e|es|ed|ing)',
  'thumbs?',
  'upside',
  'lock(?:s|ed|ing)?',
  'tie(?:s|d)?|tying',
  'hold(?:s|ing)?|held',
  'weigh(?:s|ed|ing)?',
  'bog(?:s|ged|ging)?',
  'count(?:s|ed|ing)?',
  'cool(?:s|ed|ing)?',
  'quiet(?:s|ed|ing)?',
  'die(?:s|d)?|dying',
  'wear(?:s|ing)?|wore|worn',
  'strip(?:s|ped|ping)?',
  'scal(?:e|es|ed|ing)',
  'spin(?:s|ning)?|spun',
  'tear(?:s|ing)?|tore|torn',
  'burn(?:s|ed|t|ing)?',
  'crack(?:s|ed|ing)?',
  'clamp(?:s|ed|ing)?',
  'top',
  'pull(?:s|ed|ing)?',
  'drop(?:s|ped|ping)?',
  'look(?:s|ed|ing)?',
  'com(?:e|es|ing)|came',
  'lie|lying|lay',
  'chow(?:ed|ing)?',
  'gulp(?:s|ed|ing)?',
  'ramp(?:s|ed|ing)?',
  'narrowing',
  'hose(?:d)?',
].join('|');

/** Phrases blanked out of the text before looking for complaint words. */
const MASKS: RegExp[] = [
  // Links and handles: "/down" in a path or "@downdetector" is not a word someone wrote.
  /\bhttps?:\/\/\S+/gu,
  /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.-]+/gu,
  // Negations.
  re(`(?:${NEG}) (?:really |even |actually |totally |completely |fully |currently )?(?:down|broken|offline|an outage|outages?)`),
  re(`(?:${NEG}) (?:a |an |the |any |my )?(?:real |big |major )?(?:issues?|problems?|errors?)`),
  re(`(?:no|zero|without(?: any)?|never had any|not a single|not any) (?:\\p{L}+ )?(?:issues?|problems?|errors?|downtime|outages?)`),
  re('not (?:that |so |too )?slow'),
  // People, not services: "I'm down for pizza", "we're offline this weekend", "I'm not working today".
  re(`(?:${PERSON}) (?:so |totally |kinda |going |gonna be |not |also )?(?:down|offline|working|broken)`),
  re('(?:feel|feels|feeling|felt) (?:a bit |so |really |kinda |pretty )?down'),
  re('(?:let|lets|letting) (?:me|us|you|him|her|them|everyone|everybody) down'),
  re('not working (?:out|hard|here anymore)'),
  // Phrasal verbs and idioms with "down".
  re(`(?:${PHRASAL})[ -]down`),
  re(
    'down (?:the (?:road|line|street|hall|stairs|river|drain|rabbit hole|block|middle|list|page|thread)|payment|under|to earth|to the wire|votes?|voted|voting|side|sides|syndrome|jacket|memory lane)',
  ),
  re('down-to-earth|ups? and downs?|up-?down|hands down'),
  // "offline" as a feature or a place.
  re(
    'offline[ -](?:mode|first|support|access|install(?:er|ation)?|sync|use|usage|version|maps?|backups?|storage|cop(?:y|ies)|reading|editing|play|docs|documentation|capable|capability|events?|meetups?|meetings?|world|life|friends|conversations?|marketing|stores?|shopping|retail|sales|cache|caching|functionality|features?|downloads?|viewing|listening|playback)',
  ),
  re(
    '(?:works?|worked|working|use|usable|available|accessible|play|playable|read|reading|listen|listening|watch|watching|download(?:ed|ing)? for|saved? for|(?:take|taking|took) (?:it|this|that)) offline',
  ),
  // "broken" idioms.
  re('broken (?:record|english|heart(?:ed)?|promises?|homes?|bones?|arms?|legs?|wrists?|toes?|fingers?|glass|windows?)'),
  // GitHub / tracker vocabulary: "opened an issue", "issue #123".
  re(
    '(?:open|opened|opening|file|filed|filing|create|created|creating|submit|submitted|raise|raised|close|closed|closing|fix|fixed|fixing|log|logged|triaged?|label(?:ed|led)?|assign(?:ed)?|comment(?:ed)? on|reply to|replied to) (?:(?:an?|the|this|that|my|your|our|their|some|new|github|gitlab|jira|\\d+) )*(?:issues?|bugs?|prs?|pull requests?)',
  ),
  re('issues? ?#?\\d+|issue (?:tracker|template|page|number|queue|board)|#\\d+'),
  // "slow" idioms.
  re('slow (?:cooker|motion|mo|burn|news day|day|week|weekend|start|dance|food|travel|living|fashion|jams?)|slow-mo'),
];

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u2032`\u00b4]/g, "'")
    .replace(/\s+/g, ' ');
}

interface CompiledTerm {
  term: string;
  regex: RegExp;
  /** Letters and digits only, for hashtag matching ("claude.ai" → "claudeai"). */
  compact: string;
}

const cache = new Map<string, CompiledTerm[]>();

function compileTerms(terms: readonly string[]): CompiledTerm[] {
  const key = terms.join('\u0001');
  const hit = cache.get(key);
  if (hit) return hit;
  const out: CompiledTerm[] = [];
  for (const raw of terms) {
    if (typeof raw !== 'string') continue;
    const base = normalise(raw).trim().replace(/^#+/, '');
    if (base === '') continue;
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]+');
    out.push({ term: base, regex: new RegExp(`${B}#?${escaped}${E}`, 'u'), compact: base.replace(/[^\p{L}\p{N}]/gu, '') });
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, out);
  return out;
}

function firstMatch(regex: RegExp, s: string): string | null {
  regex.lastIndex = 0;
  const m = regex.exec(s);
  regex.lastIndex = 0;
  return m ? m[0] : null;
}

/** Explain whether `text` (plain text) is a complaint about the service named by `terms`. */
export function matchComplaint(text: string, terms: readonly string[]): ComplaintMatch {
  const none: ComplaintMatch = { complaint: false, term: null, strong: null, weak: null, context: null };
  if (typeof text !== 'string' || text.trim() === '') return none;
  const t = normalise(text.length > 20_000 ? text.slice(0, 20_000) : text);
  const compiled = compileTerms(terms);
  if (compiled.length === 0) return none;

  let term: string | null = null;
  let strong: string | null = null;

  // Hashtags: #GitHub, #GitHubDown, #chatgptoutage.
  for (const m of t.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    const tag = m[1] ?? '';
    for (const c of compiled) {
      if (c.compact.length < 2 || !tag.startsWith(c.compact)) continue;
      const rest = tag.slice(c.compact.length);
      if (rest === '') {
        term ??= c.term;
        // A term that is itself a complaint tag ("#githubdown" in the catalog).
        for (const suffix of STRONG_SUFFIXES) {
          if (c.compact.length > suffix.length && c.compact.endsWith(suffix)) strong ??= `#${tag}`;
        }
      } else if (STRONG_SUFFIXES.has(rest)) {
        term ??= c.term;
        strong ??= `#${tag}`;
      }
    }
  }
  if (term === null) {
    for (const c of compiled) {
      if (c.regex.test(t)) {
        term = c.term;
        break;
      }
    }
  }
  if (term === null) return none;

  let k = t;
  for (const mask of MASKS) k = k.replace(mask, ' ');
  strong ??= firstMatch(STRONG_RE, k);
  const weak = firstMatch(WEAK_RE, k);
  const context = weak === null ? null : firstMatch(CONTEXT_RE, k);
  return { complaint: strong !== null || (weak !== null && context !== null), term, strong, weak, context };
}

export function isComplaint(text: string, terms: readonly string[]): boolean {
  return matchComplaint(text, terms).complaint;
}
