import { describe, expect, it } from 'vitest';
import { externalSpikes, ISDOWN_NOT_CONFIGURED, isdown, isdownSlugs, parseIsdownIncidents } from '../../../core/crowd/isdown';
import type { SourceQuery } from '../../../core/crowd/source';
import { detectSpike } from '../../../core/crowd/spike';
import { DAY, fakeFetch, fixture, json, MIN, status } from './helpers';

const doc = fixture<Record<string, unknown>>('isdown_api_v2_service_incidents_doc_example.json');
// The doc example's crowd incident was opened 2023-05-23T17:08:12.942Z and is still open.
const OPENED = Date.parse('2023-05-23T17:08:12.942Z');
const NOW = OPENED + 30 * MIN;
const Q: SourceQuery = { terms: ['aws', 'amazon web services', '#awsdown'], since: NOW - 15 * MIN, until: NOW, now: NOW };
const CONFIG = { isdown: { apiKey: 'key_123' } };

describe('IsDown (with the person’s API key)', () => {
  it('not configured → no request', async () => {
    const { deps, calls } = fakeFetch(json(doc));
    const r = await isdown.query(Q, deps);
    expect(r).toEqual({ posts: [], status: { state: 'not_configured', message: ISDOWN_NOT_CONFIGURED }, requests: 0 });
    expect(calls).toHaveLength(0);
    expect(isdown.defaultOn).toBe(false);
  });

  it('reads the documented answer: crowd incidents only, bearer key, documented URL', async () => {
    const { deps, calls } = fakeFetch(json(doc));
    const r = await isdown.query(Q, { ...deps, config: CONFIG });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://isdown.app/api/v2/services/aws/incidents?include_user_reports=true');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer key_123');
    expect(r.status).toEqual({ state: 'ok' });
    expect(r.posts).toEqual([]);
    expect(r.crowdIncidents).toEqual([
      { id: 'isdown:1', title: 'Users reports spike', createdAt: OPENED, resolvedAt: null, open: true, url: null, source: 'isdown' },
    ]);
    const ext = externalSpikes(r.crowdIncidents, NOW);
    expect(ext).toEqual([{ source: 'isdown', since: OPENED }]);
    expect(detectSpike([], NOW, { external: ext })).toMatchObject({ anomalous: true, likely: false, since: OPENED });
  });

  it('parses defensively', () => {
    expect(parseIsdownIncidents({})).toBeNull();
    expect(parseIsdownIncidents({ data: [null, { id: 3, attributes: { user_generated: true, created_at: 'nope' } }] })).toEqual([]);
    const resolved = parseIsdownIncidents({
      data: [
        {
          id: '4',
          attributes: {
            user_generated: true,
            title: 'Users reports spike',
            resolved: true,
            created_at: '2026-01-01T00:00:00Z',
            resolved_at: '2026-01-01T01:00:00Z',
            url: 'javascript:alert(1)',
          },
        },
      ],
    })!;
    expect(resolved[0]).toMatchObject({ open: false, url: null, resolvedAt: Date.parse('2026-01-01T01:00:00Z') });
    expect(externalSpikes(resolved, Date.parse('2026-01-01T00:30:00Z'))).toEqual([]);
  });

  it('slugs come from the terms (or a given slug); 404 tries the next one', async () => {
    expect(isdownSlugs(['GitHub', '#githubdown', 'github.com'])).toEqual(['github']);
    expect(isdownSlugs(['prime video', 'amazon prime video'], 'amazon-prime-video')).toEqual(['amazon-prime-video', 'prime-video']);
    const { deps, calls } = fakeFetch((c) => (c.url.includes('/aws/') ? status(404) : json({ data: [] })));
    const r = await isdown.query(Q, { ...deps, config: CONFIG });
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/api/v2/services/aws/incidents',
      '/api/v2/services/amazon-web-services/incidents',
    ]);
    expect(r).toMatchObject({ status: { state: 'ok' }, requests: 2, crowdIncidents: [] });
  });

  it('401 → the key was not accepted; 429 → rate_limited', async () => {
    const bad = await isdown.query(Q, { ...fakeFetch(json({ error: 'unauthorized' }, 401)).deps, config: CONFIG });
    expect(bad.status).toMatchObject({
      state: 'error',
      problem: { httpStatus: 401, message: expect.stringMatching(/API key was not accepted/) },
    });
    const slow = await isdown.query(Q, { ...fakeFetch(status(429, { 'retry-after': '60' })).deps, config: CONFIG });
    expect(slow.status).toEqual({ state: 'rate_limited', message: 'IsDown asked us to slow down (HTTP 429)', retryAfterMs: 60_000 });
  });

  it('old resolved crowd incidents are not reported for a recent window', async () => {
    const { deps } = fakeFetch(json(doc));
    const r = await isdown.query(
      { ...Q, since: NOW + 400 * DAY, until: NOW + 401 * DAY, now: NOW + 401 * DAY },
      { ...deps, config: CONFIG },
    );
    // Still open in the doc example, so still reported.
    expect(r.crowdIncidents?.map((i) => i.id)).toEqual(['isdown:1']);
  });
});
