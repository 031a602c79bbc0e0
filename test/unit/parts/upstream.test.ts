/**
 * Upstream blame (issue 17 item 5) on the real AWS Health capture
 * (test/fixtures/feeds/aws-health-currentevents-active-2events.decoded.json: events in me-central-1
 * and me-south-1); one test moves the first event to us-east-1 by replacing its region code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getService } from '../../../core/catalog/bundled';
import { awsHealthAdapter } from '../../../core/official/aws-health';
import { upstreamHint, upstreamIds } from '../../../core/parts/upstream';
import '../../../core/i18n-english';
import { t } from '../../../core/i18n';
import type { OfficialState, VerdictResult } from '../../../core/verdict';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const raw = readFileSync(new URL('../../fixtures/feeds/aws-health-currentevents-active-2events.decoded.json', import.meta.url), 'utf8');
function aws(body: string): OfficialState {
  const parsed = awsHealthAdapter.parse([body], { baseUrl: 'https://health.aws.amazon.com/public/currentevents', now: NOW });
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return { serviceId: 'aws-console', snapshot: parsed.value, lastSuccessAt: NOW, lastAttemptAt: NOW, problem: null, history: [] };
}
const failing: VerdictResult = {
  verdict: 'unacknowledged',
  severity: null,
  reason: 'This browser failed 3 times',
  incident: null,
  problem: { code: 'no_official', message: '' },
};
const netflix = getService('netflix')!;
const lookup = (state: OfficialState) => (id: string) => (id === 'aws-console' ? { service: getService('aws-console')!, state } : null);

describe('upstream blame', () => {
  it('the catalog names real providers with a public source', () => {
    expect(upstreamIds(netflix)).toEqual(['aws-console']);
    expect(netflix.upstream![0]!.source).toMatch(/^https:\/\//);
  });

  it('Netflix fails while AWS has an event in us-east-1: a hint naming the region', () => {
    const moved = raw.replaceAll('me-central-1', 'us-east-1');
    const hint = upstreamHint(netflix, failing, lookup(aws(moved)));
    expect(hint).toMatchObject({ providerId: 'aws-console', region: 'us-east-1' });
    expect(hint!.incident.title).toContain('Increased Error Rates');
    expect(t('popupUpstreamRegion', ['Netflix', 'AWS', '12 min ago', 'us-east-1'])).toBe(
      'Netflix publishes no status; AWS has acknowledged an incident in us-east-1 (12 min ago) — likely related.',
    );
  });

  it('AWS events only in regions Netflix is not known to use: no hint', () => {
    expect(upstreamHint(netflix, failing, lookup(aws(raw)))).toBeNull();
  });

  it('a site that is not failing gets no hint, whatever its provider says', () => {
    const moved = aws(raw.replaceAll('me-central-1', 'us-east-1'));
    for (const verdict of ['ok', 'unknown', 'resolved'] as const) {
      expect(upstreamHint(netflix, { ...failing, verdict }, lookup(moved))).toBeNull();
    }
  });

  it('an unreadable provider feed gives no hint', () => {
    const state = { ...aws(raw.replaceAll('me-central-1', 'us-east-1')), problem: { code: 'http' as const, message: 'HTTP 503' } };
    expect(upstreamHint(netflix, failing, lookup(state))).toBeNull();
  });

  it('no known regions (Prime Video): any open AWS event counts, with its region named', () => {
    const hint = upstreamHint(getService('primevideo')!, failing, lookup(aws(raw)));
    expect(hint?.region).toMatch(/^me-(central|south)-1$/);
  });
});
