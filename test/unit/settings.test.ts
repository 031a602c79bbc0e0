import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { blueskyReady, isdownReady, parseCredentials } from '../../core/credentials';
import { CREDENTIALS_KEY, SETTINGS_KEY, loadCredentials, loadSettings, saveCredentials, saveSettings } from '../../core/storage';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  customAsService,
  defaultSettings,
  migrate,
  parseSettings,
  type CustomService,
  type Settings,
} from '../../core/settings';
import { customIdFor, exportSettings, importSettings, normaliseStatusPageUrl, parseDomainsInput } from '../../core/settings-io';

const CUSTOM: CustomService = {
  id: 'custom-status-example-com',
  name: 'Example',
  statusPage: 'https://status.example.com',
  official: { kind: 'statuspage', url: 'https://status.example.com' },
  domains: ['example.com', 'app.example.com'],
};

/** A v3 object with every field away from its default. */
const FULL: Settings = {
  version: 3,
  watched: ['github', 'npm', CUSTOM.id],
  pollIntervalMin: 7,
  custom: [CUSTOM],
  sources: { hn: false, mastodon: false, bluesky: true, isdown: true },
  notifications: {
    enabled: false,
    unacknowledged: false,
    acknowledged: true,
    resolved: false,
    muted: ['npm'],
    quietHours: { enabled: true, start: '23:30', end: '06:15' },
    minSeverity: 'major',
    snoozed: { github: { until: 1_800_000_000_000, since: 1_799_996_400_000 }, npm: { until: null, since: 1_799_990_000_000 } },
  },
  watchRequests: false,
  watchedParts: { github: ['actions', 'copilot'] },
};

describe('defaults', () => {
  it('are the documented v3 defaults', () => {
    expect(SETTINGS_VERSION).toBe(3);
    expect(DEFAULT_SETTINGS).toEqual({
      version: 3,
      watched: ['github', 'cloudflare', 'openai', 'discord'],
      pollIntervalMin: 1,
      custom: [],
      sources: { hn: true, mastodon: true, bluesky: false, isdown: false },
      notifications: {
        enabled: true,
        unacknowledged: true,
        acknowledged: true,
        resolved: true,
        muted: [],
        quietHours: { enabled: false, start: '22:00', end: '07:00' },
        minSeverity: 'any',
        snoozed: {},
      },
      watchRequests: true,
      watchedParts: {},
    });
  });

  it('cannot be changed by accident; defaultSettings() is a fresh copy', () => {
    expect(() => (DEFAULT_SETTINGS.watched as string[]).push('x')).toThrow();
    const copy = defaultSettings();
    copy.watched.push('npm');
    copy.notifications.quietHours.start = '01:00';
    expect(DEFAULT_SETTINGS.watched).not.toContain('npm');
    expect(DEFAULT_SETTINGS.notifications.quietHours.start).toBe('22:00');
  });
});

describe('migrate', () => {
  it.each([undefined, null, 'garbage', 42, true, [], ['github'], () => 1])('garbage %s → defaults', (raw) => {
    expect(migrate(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('v0 (no version: only `watched`) → v2 with the watched list kept and defaults elsewhere', () => {
    expect(migrate({ watched: ['github', 'npm'] })).toEqual({ ...DEFAULT_SETTINGS, watched: ['github', 'npm'] });
    expect(migrate({})).toEqual(DEFAULT_SETTINGS);
    expect(migrate({ watched: [] })).toEqual({ ...DEFAULT_SETTINGS, watched: [] });
  });

  it('v0 with a bad watched list → default list; with some bad entries → those dropped', () => {
    expect(migrate({ watched: 'github' }).watched).toEqual(DEFAULT_SETTINGS.watched);
    expect(migrate({ watched: ['github', 'GitHub', '', 3, null, 'npm', 'github', '../x'] }).watched).toEqual(['github', 'npm']);
  });

  it('v1 → v2: watched and interval kept, new sections at their defaults', () => {
    expect(migrate({ version: 1, watched: ['reddit'], pollIntervalMin: 5 })).toEqual({
      ...DEFAULT_SETTINGS,
      watched: ['reddit'],
      pollIntervalMin: 5,
    });
  });

  it.each([0, 61, 1.5, -3, '5', null, Number.NaN, Number.POSITIVE_INFINITY])('v1 with interval %s → 1', (bad) => {
    expect(migrate({ version: 1, watched: ['reddit'], pollIntervalMin: bad })).toMatchObject({ watched: ['reddit'], pollIntervalMin: 1 });
  });

  it('v1 boundaries 1 and 60 are valid', () => {
    expect(migrate({ version: 1, pollIntervalMin: 1 }).pollIntervalMin).toBe(1);
    expect(migrate({ version: 1, pollIntervalMin: 60 }).pollIntervalMin).toBe(60);
  });

  it('v2 → v3: the unused http5xxDetection is dropped (a stored false was never a choice); watchRequests starts on', () => {
    const { watchRequests: _w, ...rest } = structuredClone(FULL);
    const v2 = { ...rest, version: 2, http5xxDetection: false };
    const out = migrate(v2) as unknown as Record<string, unknown>;
    expect(out.version).toBe(3);
    expect(out.watchRequests).toBe(true);
    expect('http5xxDetection' in out).toBe(false);
    expect(out.watched).toEqual(FULL.watched);
  });

  it('v3 survives unchanged', () => {
    expect(migrate(FULL)).toEqual(FULL);
    expect(migrate(structuredClone(FULL))).not.toBe(FULL);
  });

  it('v2: each bad field is repaired on its own, the others kept', () => {
    const raw = structuredClone(FULL) as unknown as Record<string, unknown>;
    raw.sources = { hn: 'yes', mastodon: false, bluesky: 1, isdown: true };
    raw.notifications = {
      ...FULL.notifications,
      resolved: 'no',
      muted: ['npm', 'NOT VALID'],
      quietHours: { enabled: true, start: '25:00', end: '6:15' },
      minSeverity: 'loud',
      snoozed: { github: { until: 'soon', since: 1 }, npm: { until: null, since: 5 }, 'NOT VALID': { until: null, since: 5 } },
    };
    raw.watchRequests = 'true';
    const out = migrate(raw);
    expect(out.sources).toEqual({ hn: true, mastodon: false, bluesky: false, isdown: true });
    expect(out.notifications).toEqual({
      enabled: false,
      unacknowledged: false,
      acknowledged: true,
      resolved: true,
      muted: ['npm'],
      quietHours: { enabled: true, start: '22:00', end: '07:00' },
      minSeverity: 'any',
      snoozed: { npm: { until: null, since: 5 } },
    });
    expect(out.watchRequests).toBe(true);
    expect(out.watched).toEqual(FULL.watched);
    expect(out.custom).toEqual(FULL.custom);
    expect(out.pollIntervalMin).toBe(7);
  });

  it('v2: sections that are not objects → their defaults', () => {
    const out = migrate({ version: 2, sources: 'all', notifications: [true], custom: 'x' });
    expect(out.sources).toEqual(DEFAULT_SETTINGS.sources);
    expect(out.notifications).toEqual(DEFAULT_SETTINGS.notifications);
    expect(out.custom).toEqual([]);
  });

  it('v2: invalid custom pages are dropped one by one; the first of a duplicate id wins', () => {
    const bad = [
      { ...CUSTOM, id: 'not-custom-prefix' },
      { ...CUSTOM, id: 'custom-ftp', statusPage: 'ftp://status.example.com' },
      { ...CUSTOM, id: 'custom-feed-creds', official: { kind: 'statuspage', url: 'http://u:p@status.example.com' } },
      { ...CUSTOM, id: 'custom-kind', official: { kind: 'nonsense', url: 'https://status.example.com' } },
      { ...CUSTOM, id: 'custom-base', official: { kind: 'statuspage', url: 'https://status.example.com/api/v2/summary.json' } },
      { ...CUSTOM, id: 'custom-domains', domains: ['https://example.com'] },
      { ...CUSTOM, id: 'custom-name', name: '   ' },
      { ...CUSTOM, id: 'custom-extra', extra: 1 },
      'string',
      null,
    ];
    const second = { ...CUSTOM, name: 'Second with the same id' };
    const rss: CustomService = {
      id: 'custom-rss',
      name: 'RSS one',
      statusPage: 'https://rss.example.org/status',
      official: { kind: 'rss', url: 'https://rss.example.org/history.rss' },
      domains: [],
    };
    const out = migrate({ version: 2, custom: [...bad, CUSTOM, second, rss] });
    expect(out.custom).toEqual([CUSTOM, rss]);
  });

  it('v2: intranet custom pages (http, an IP address, a one-word host) are kept — custom pages only', () => {
    const kuma: CustomService = {
      id: 'custom-kuma',
      name: 'Intranet Kuma',
      statusPage: 'http://kuma:3001/status/main',
      official: { kind: 'uptimekuma', url: 'http://kuma:3001/api/status-page/main' },
      domains: ['intranet.example.com'],
    };
    const ip: CustomService = {
      ...kuma,
      id: 'custom-ip',
      statusPage: 'https://10.0.0.5',
      official: { kind: 'statuspage', url: 'https://10.0.0.5' },
    };
    expect(migrate({ version: 2, custom: [kuma, ip] }).custom).toEqual([kuma, ip]);
  });

  it('a newer version than this code knows: known fields read with our meaning, unknown fields dropped, version set to ours', () => {
    const out = migrate({ ...FULL, version: 3, themes: ['dark'], sources: { ...FULL.sources, reddit: true } });
    expect(out).toEqual(FULL);
    expect(out.version).toBe(SETTINGS_VERSION);
    expect(out).not.toHaveProperty('themes');
    expect(out.sources).not.toHaveProperty('reddit');
  });

  it('an unreadable version is treated as v0, but valid fields are still kept', () => {
    expect(migrate({ ...FULL, version: '2' })).toEqual(FULL);
    expect(migrate({ ...FULL, version: -1 })).toEqual(FULL);
  });

  it('unknown top-level fields are dropped (including smuggled credentials)', () => {
    const out = migrate({ ...FULL, credentials: { isdown: { apiKey: 'k' } }, password: 'x' }) as unknown as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual([
      'custom',
      'notifications',
      'pollIntervalMin',
      'sources',
      'version',
      'watchRequests',
      'watched',
      'watchedParts',
    ]);
  });

  it('never throws, always yields valid settings, and is idempotent (any JSON value)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const once = migrate(raw);
        expect(migrate(once)).toEqual(once);
        expect(importSettings(JSON.stringify(once))).toEqual({ ok: true, value: once });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on objects shaped like settings with random values', () => {
    const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.record({
          version: fc.oneof(fc.integer({ min: -1, max: 4 }), anyValue),
          watched: fc.oneof(fc.array(fc.oneof(fc.constantFrom('github', 'npm', 'custom-x'), fc.string())), anyValue),
          pollIntervalMin: fc.oneof(fc.integer({ min: -5, max: 70 }), anyValue),
          custom: fc.oneof(fc.array(fc.oneof(fc.constant(CUSTOM), fc.dictionary(fc.string(), fc.jsonValue()))), anyValue),
          sources: fc.oneof(fc.dictionary(fc.constantFrom('hn', 'mastodon', 'bluesky', 'isdown'), anyValue), anyValue),
          notifications: anyValue,
        }),
        (raw) => {
          const out = migrate(raw);
          expect(out.version).toBe(3);
          expect(Number.isInteger(out.pollIntervalMin) && out.pollIntervalMin >= 1 && out.pollIntervalMin <= 60).toBe(true);
          expect(new Set(out.watched).size).toBe(out.watched.length);
          expect(migrate(out)).toEqual(out);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parseSettings is migrate (the v1 API kept for callers)', () => {
    expect(parseSettings({ version: 1, watched: ['npm'], pollIntervalMin: 3 })).toEqual(
      migrate({ version: 1, watched: ['npm'], pollIntervalMin: 3 }),
    );
  });
});

describe('storage', () => {
  const local = fakeBrowser.storage.local;

  it('loads defaults from empty storage; a stored v1 object loads as v2', async () => {
    expect(await loadSettings(local)).toEqual(DEFAULT_SETTINGS);
    await local.set({ [SETTINGS_KEY]: { version: 1, watched: ['npm'], pollIntervalMin: 10 } });
    expect(await loadSettings(local)).toEqual({ ...DEFAULT_SETTINGS, watched: ['npm'], pollIntervalMin: 10 });
  });

  it('saves validated v2 under `settings`, nothing else', async () => {
    await saveSettings(local, { ...FULL, extra: 1 } as Settings);
    const all = await local.get(null);
    expect(Object.keys(all)).toEqual([SETTINGS_KEY]);
    expect(all[SETTINGS_KEY]).toEqual(FULL);
    expect(await loadSettings(local)).toEqual(FULL);
  });

  it('credentials live under their own key, separately from settings', async () => {
    await saveSettings(local, FULL);
    await saveCredentials(local, { bluesky: { handle: '@me.bsky.social', appPassword: ' abcd-efgh ' }, isdown: { apiKey: 'key-1' } });
    const all = await local.get(null);
    expect(all[CREDENTIALS_KEY]).toEqual({ bluesky: { handle: 'me.bsky.social', appPassword: 'abcd-efgh' }, isdown: { apiKey: 'key-1' } });
    expect(JSON.stringify(all[SETTINGS_KEY])).not.toContain('abcd');
    expect(await loadCredentials(local)).toEqual({
      bluesky: { handle: 'me.bsky.social', appPassword: 'abcd-efgh' },
      isdown: { apiKey: 'key-1' },
    });
    // Saving settings does not touch credentials.
    await saveSettings(local, DEFAULT_SETTINGS);
    expect((await loadCredentials(local)).isdown).toEqual({ apiKey: 'key-1' });
  });

  it('credentials: junk and empty entries dropped, the other kept; partial Bluesky entries kept while typing', () => {
    expect(parseCredentials(undefined)).toEqual({});
    expect(parseCredentials('x')).toEqual({});
    expect(parseCredentials({ bluesky: { handle: 3 }, isdown: { apiKey: 'k' } })).toEqual({ isdown: { apiKey: 'k' } });
    expect(parseCredentials({ bluesky: { handle: '', appPassword: '' }, isdown: { apiKey: '  ' } })).toEqual({});
    const partial = parseCredentials({ bluesky: { handle: 'me', appPassword: '' } });
    expect(partial).toEqual({ bluesky: { handle: 'me', appPassword: '' } });
    expect(blueskyReady(partial)).toBe(false);
    expect(blueskyReady({ bluesky: { handle: 'me', appPassword: 'p' } })).toBe(true);
    expect(isdownReady({})).toBe(false);
    expect(isdownReady({ isdown: { apiKey: 'k' } })).toBe(true);
    expect(parseCredentials({ isdown: { apiKey: 'k'.repeat(501) } })).toEqual({});
  });
});

describe('export / import', () => {
  it('exports pretty JSON of the settings only', () => {
    const text = exportSettings(FULL);
    expect(text).toContain('\n  "version": 3,\n');
    expect(JSON.parse(text)).toEqual(FULL);
  });

  it('never exports credentials, even if something put them into the settings object', () => {
    const smuggled = { ...FULL, credentials: { bluesky: { handle: 'me', appPassword: 'secret-pass' } }, apiKey: 'secret-key' } as Settings;
    const text = exportSettings(smuggled);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('credentials');
  });

  it('round trip: import(export(s)) = s, for defaults, a full v2 object and anything migrated', () => {
    for (const s of [DEFAULT_SETTINGS, FULL, migrate({ watched: ['npm'] })]) {
      expect(importSettings(exportSettings(s))).toEqual({ ok: true, value: s });
    }
  });

  it('imports older versions by migrating them; unknown fields are dropped; missing fields default', () => {
    expect(importSettings('{"watched":["npm"]}')).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, watched: ['npm'] } });
    expect(importSettings('{"version":1,"watched":["npm"],"pollIntervalMin":30,"future":true}')).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, watched: ['npm'], pollIntervalMin: 30 },
    });
  });

  it('invalid JSON: a clear sentence', () => {
    const r = importSettings('{ "watched": [');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('parse');
    expect(r.problem.message).toMatch(/^This is not valid JSON: .+\. Paste the whole text that Export gave you, from \{ to \}\.$/);
  });

  it.each(['[]', '"settings"', '42', 'null', 'true'])('wrong shape %s: "These are not Acknowledged settings"', (text) => {
    const r = importSettings(text);
    expect(r).toMatchObject({ ok: false, problem: { code: 'schema' } });
    if (!r.ok) expect(r.problem.message).toMatch(/^These are not Acknowledged settings: expected an object/);
  });

  it('an object with none of the fields is refused, naming them', () => {
    const r = importSettings('{"name":"something else"}');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problem.message).toBe(
        'These are not Acknowledged settings: none of the expected fields (version, watched, pollIntervalMin, custom, sources, notifications, watchRequests) is there.',
      );
  });

  it('present but invalid values are refused (not silently replaced), naming each field', () => {
    const r = importSettings(
      JSON.stringify({
        version: 2,
        pollIntervalMin: 0,
        notifications: { quietHours: { start: '7pm' } },
        custom: [{ id: 'x' }],
        sources: { hn: 'yes' },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.message).toBe(
      'Nothing was imported. Not valid: the poll interval (a whole number of minutes from 1 to 60); ' +
        'custom status page no. 1 (needs an id starting with custom-, a name and https addresses); ' +
        'sources.hn (true or false); the start of quiet hours (HH:MM).',
    );
  });
});

describe('custom status page input', () => {
  it.each([
    ['https://www.githubstatus.com', 'https://www.githubstatus.com'],
    ['https://www.githubstatus.com/', 'https://www.githubstatus.com'],
    ['  status.example.com  ', 'https://status.example.com'],
    ['HTTPS://Status.Example.COM/#top', 'https://status.example.com'],
    ['https://status.example.com/history.rss', 'https://status.example.com/history.rss'],
    ['https://example.com/status?lang=en', 'https://example.com/status?lang=en'],
    ['status.example.com:8443', 'https://status.example.com:8443'],
    // Intranet pages, allowed for custom pages (the form says the risk):
    ['http://status.example.com', 'http://status.example.com'],
    ['https://127.0.0.1', 'https://127.0.0.1'],
    ['https://localhost', 'https://localhost'],
    ['http://kuma:3001/status/main', 'http://kuma:3001/status/main'],
  ])('%s → %s', (input, out) => {
    expect(normaliseStatusPageUrl(input)).toBe(out);
  });

  it.each([
    '',
    '   ',
    'not a url',
    'ftp://status.example.com',
    'javascript:alert(1)',
    'mailto:a@b.c',
    'https://user:pw@status.example.com',
    'http://user@kuma',
    'https://exa mple.com',
  ])('refuses %j', (input) => {
    expect(normaliseStatusPageUrl(input)).toBeNull();
  });

  it('domains: commas or spaces, URLs reduced to hostnames, lower-cased, deduplicated; the first bad one named', () => {
    expect(parseDomainsInput('')).toEqual({ ok: true, value: [] });
    expect(parseDomainsInput('Example.com, app.example.com  https://www.example.com/login example.com.')).toEqual({
      ok: true,
      value: ['example.com', 'app.example.com', 'www.example.com'],
    });
    const bad = parseDomainsInput('example.com, exa_mple.com, *.x.com');
    expect(bad).toMatchObject({ ok: false });
    if (!bad.ok)
      expect(bad.problem.message).toBe('“exa_mple.com” is not a site name. Write hostnames like example.com, separated by commas.');
    expect(parseDomainsInput('localhost').ok).toBe(false);
  });

  it('ids: custom-<slug of the host>', () => {
    expect(customIdFor('https://status.example.com/history.rss')).toBe('custom-status-example-com');
    expect(customIdFor('nonsense')).toBe('custom-page');
    expect(customIdFor('https://status.example.com')).toMatch(/^custom-[a-z0-9][a-z0-9-]*$/);
  });

  it('a custom page reads as a catalog-shaped Service', () => {
    expect(customAsService(CUSTOM)).toEqual({
      id: CUSTOM.id,
      name: 'Example',
      category: 'other',
      domains: ['example.com', 'app.example.com'],
      statusPage: 'https://status.example.com',
      official: { kind: 'statuspage', url: 'https://status.example.com' },
    });
  });
});

describe('watchedParts (issue 17: components per watched service)', () => {
  it('arrives as {} in older settings and survives a round trip through export and import', () => {
    expect(migrate({ version: 2, watched: ['github'] }).watchedParts).toEqual({});
    const back = importSettings(exportSettings(FULL));
    expect(back.ok && back.value.watchedParts).toEqual({ github: ['actions', 'copilot'] });
  });

  it('repairs a bad value field by field without losing the rest', () => {
    const s = migrate({ ...FULL, watchedParts: { github: ['actions', 'Bad Id!', 'actions'], 'Bad Key': ['x'], npm: 'x', openai: [] } });
    expect(s.watchedParts).toEqual({ github: ['actions'] });
    expect(s.watched).toEqual(FULL.watched);
    expect(migrate({ ...FULL, watchedParts: 'all' }).watchedParts).toEqual({});
  });

  it('an import with a bad choice is refused naming the field', () => {
    const r = importSettings(JSON.stringify({ ...FULL, watchedParts: [] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('chosen parts of watched services');
  });
});
