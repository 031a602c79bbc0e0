/**
 * Fuzz targets for the adapters of issue 12 — Better Stack, Rootly, Sorry, Uptime Kuma, Gatus, Hund —
 * in the shape of ./targets.ts: the fixtures each reads (test/fixtures/feeds, PROVENANCE.md), the
 * clock and URL, the status fields a stripped body loses, and (Better Stack) how to add
 * well-formed updates to an open report. Every body starts from a deep copy of a fixture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OfficialSnapshot } from '../../core/model';
import { ADAPTERS } from '../../core/official/registry';
import type { FixtureCase, Target } from './targets';

const raw = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url)), 'utf8');
const json = (name: string): any => JSON.parse(raw(name));
const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
const one = (name: string, now: number, baseUrl: string, bodies = [raw(name)]): FixtureCase => ({ name, bodies, now, baseUrl });

const BS = 'betterstack-index-huggingface-operational-trimmed.json';
const BS_URL = 'https://status.huggingface.co/index.json';
const BS_NOW = at('2026-07-16T09:00:00Z');
/** The capture with the "Hub unavailable" report re-opened (aggregate_state downtime). */
function bsOpen(): any {
  const doc = json(BS);
  for (const r of doc.included) if (r.type === 'status_report' && r.id === '965809') r.attributes.aggregate_state = 'downtime';
  return doc;
}

export const betterstackTarget: Target = {
  id: 'betterstack',
  kind: 'betterstack',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.betterstack.parse(b, ctx),
  fixtures: [one(BS, at('2026-09-19T04:00:00Z'), BS_URL), one('betterstack open report', BS_NOW, BS_URL, [JSON.stringify(bsOpen())])],
  caps: { newestFirst: true },
  strip: [{ fixture: one(BS, BS_NOW, BS_URL), keys: /^(aggregate_state|status)$/ }],
  updates: [
    {
      name: 'status updates added to the open report',
      max: 90,
      from: at('2026-07-16T08:31:00Z'),
      to: at('2026-07-16T08:59:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = bsOpen();
        const report = doc.included.find((r: any) => r.id === '965809');
        added.forEach((a, k) => {
          doc.included.push({
            id: `fzu${k}`,
            type: 'status_update',
            attributes: { message: a.text, published_at: iso(a.t), affected_resources: [] },
          });
          const refs = report.relationships.status_updates.data;
          refs.splice((slots[k] ?? 0) % (refs.length + 1), 0, { id: `fzu${k}`, type: 'status_update' });
        });
        return { bodies: [JSON.stringify(doc)], ctx: { now: BS_NOW, baseUrl: BS_URL } };
      },
      read: (v) =>
        ((v as OfficialSnapshot).incidents.find((i) => i.id === '965809')?.updates ?? []).map((u) => ({ at: u.at, text: u.text })),
    },
  ],
};

const ROOTLY = 'rootly-status-doc-example-operational.json';
const ROOTLY_URL = 'https://status.example.com/api/v1/status.json';
const ROOTLY_NOW = at('2026-03-19T12:30:00Z');
/** The documented example with one Statuspage-shaped active incident added (the docs show none). */
function rootlyIncident(): any {
  const doc = json(ROOTLY);
  doc.status = { indicator: 'major', description: 'Partial outage' };
  doc.incidents = [
    {
      id: 'inc-1',
      name: 'Elevated API errors',
      status: 'identified',
      impact: 'major',
      created_at: '2026-03-19T12:05:00Z',
      incident_updates: [{ id: 'u1', status: 'identified', body: 'Rolling back.', created_at: '2026-03-19T12:20:00Z' }],
    },
  ];
  return doc;
}

export const rootlyTarget: Target = {
  id: 'rootly',
  kind: 'rootly',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.rootly.parse(b, ctx),
  fixtures: [
    one(ROOTLY, ROOTLY_NOW, ROOTLY_URL),
    one('rootly with an incident', ROOTLY_NOW, ROOTLY_URL, [JSON.stringify(rootlyIncident())]),
  ],
  caps: { newestFirst: true },
  strip: [
    {
      fixture: one('rootly with an incident', ROOTLY_NOW, ROOTLY_URL, [JSON.stringify(rootlyIncident())]),
      keys: /^(status|indicator|impact)$/,
    },
  ],
};

const SORRY = 'sorry-components-doc-derived-partially-degraded.json';
const SORRY_URL = 'https://api.sorryapp.com/v1/pages/abc123/components';
export const sorryTarget: Target = {
  id: 'sorry',
  kind: 'sorry',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.sorry.parse(b, ctx),
  fixtures: [one(SORRY, at('2026-09-19T12:00:00Z'), SORRY_URL)],
  caps: { newestFirst: true },
  strip: [{ fixture: one(SORRY, at('2026-09-19T12:00:00Z'), SORRY_URL), keys: /^(state)$/ }],
};

const KUMA_PAGE = 'uptimekuma-status-page-doc-derived-incident.json';
const KUMA_BEATS = 'uptimekuma-heartbeat-doc-derived-mail-down.json';
const KUMA_URL = 'https://kuma.example.com/api/status-page/main';
const KUMA_NOW = at('2026-09-18T08:22:00Z');
export const uptimekumaTarget: Target = {
  id: 'uptimekuma',
  kind: 'uptimekuma',
  format: 'json',
  arity: 2,
  history: false,
  run: (b, ctx) => ADAPTERS.uptimekuma.parse(b, ctx),
  fixtures: [one(`${KUMA_PAGE} + ${KUMA_BEATS}`, KUMA_NOW, KUMA_URL, [raw(KUMA_PAGE), raw(KUMA_BEATS)])],
  caps: { updates: 1, newestFirst: true },
  strip: [
    { fixture: one(`${KUMA_PAGE} + ${KUMA_BEATS}`, KUMA_NOW, KUMA_URL, [raw(KUMA_PAGE), raw(KUMA_BEATS)]), keys: /^(status|style)$/ },
  ],
};

const GATUS = 'gatus-endpoints-statuses-upstream-test-failing.json';
const GATUS_URL = 'https://health.example.com/api/v1/endpoints/statuses';
export const gatusTarget: Target = {
  id: 'gatus',
  kind: 'gatus',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.gatus.parse(b, ctx),
  fixtures: [one(GATUS, at('2026-09-19T12:00:00Z'), GATUS_URL)],
  caps: { newestFirst: true },
  strip: [{ fixture: one(GATUS, at('2026-09-19T12:00:00Z'), GATUS_URL), keys: /^(success)$/ }],
};

const HUND = 'hund-live-status-page-doc-derived-degraded.txt';
const HUND_URL = 'https://status.example.com/live/v2/status_page';
const HUND_NOW = at('2026-09-19T12:00:00Z');
/** The documented stream's init_event data: what the adapter parses (the fetch layer takes it from the stream). */
function hundInit(): any {
  const data = /^event: init_event\ndata: (.*)$/m.exec(raw(HUND))?.[1];
  if (data === undefined) throw new Error(`${HUND} has no init_event`);
  return JSON.parse(data);
}
const hundCase = (): FixtureCase => one(`${HUND} init_event`, HUND_NOW, HUND_URL, [JSON.stringify(hundInit())]);
export const hundTarget: Target = {
  id: 'hund',
  kind: 'hund',
  format: 'json',
  arity: 1,
  history: false,
  run: (b, ctx) => ADAPTERS.hund.parse(b, ctx),
  fixtures: [hundCase()],
  caps: { newestFirst: true },
  strip: [{ fixture: hundCase(), keys: /^(state|label)$/ }],
  updates: [
    {
      name: 'updates added to the open issue',
      max: 40,
      from: at('2026-09-19T10:00:00Z'),
      to: at('2026-09-19T11:59:00Z'),
      unitMs: 1000,
      ordered: true,
      build(added, slots) {
        const doc = hundInit();
        const rows = added.map((a) => ({ body: a.text, label: 'identified', created_at: a.t / 1000 }));
        rows.forEach((row, k) => doc.issues[0].updates.splice((slots[k] ?? 0) % (doc.issues[0].updates.length + 1), 0, row));
        return { bodies: [JSON.stringify(doc)], ctx: { now: HUND_NOW, baseUrl: HUND_URL } };
      },
      read: (v) =>
        ((v as OfficialSnapshot).incidents.find((i) => i.id === hundInit().issues[0].id)?.updates ?? []).map((u) => ({
          at: u.at,
          text: u.text,
        })),
    },
  ],
};

export const PLATFORM_TARGETS: readonly Target[] = [
  betterstackTarget,
  rootlyTarget,
  sorryTarget,
  uptimekumaTarget,
  gatusTarget,
  hundTarget,
];
