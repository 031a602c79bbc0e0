/**
 * The kit's shared steps of an adapter (core/official/kit.ts): table lookups, rows of one shape,
 * components in scope, and the snapshot guards. Each adapter's own test shows them at work on real
 * bodies; these pin the rule itself.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialComponent, OfficialSnapshot } from '../../../core/model';
import {
  componentsInScope,
  componentsOnly,
  eachOfShape,
  jsonFeedAt,
  lookup,
  object,
  rowOf,
  shapeFailure,
  SHAPE_MESSAGE,
  stated,
  STATES_NOTHING_MESSAGE,
  str,
  strOrNum,
} from '../../../core/official/kit';

const component = (name: string, status: OfficialComponent['status'] = 'operational'): OfficialComponent => ({
  id: name,
  name,
  status,
  group: null,
});

const empty: OfficialSnapshot = { indicator: 'unknown', description: null, components: [], incidents: [], maintenances: [], recent: [] };

describe('lookup', () => {
  const table: Record<string, string> = { green: 'operational', '100': 'hundred' };

  it('finds own entries by string or number key', () => {
    expect(lookup(table, 'green')).toBe('operational');
    expect(lookup(table, 100)).toBe('hundred');
  });

  it('never finds inherited properties, and a missing key is undefined', () => {
    expect(lookup(table, 'constructor')).toBeUndefined();
    expect(lookup(table, '__proto__')).toBeUndefined();
    expect(lookup(table, 'red')).toBeUndefined();
    expect(lookup(table, null)).toBeUndefined();
    expect(lookup(table, undefined)).toBeUndefined();
  });
});

describe('rowOf', () => {
  const row = object({ id: strOrNum, name: str });

  it('is the row when it has the shape, null when it is not an object', () => {
    expect(rowOf({ id: 1, name: 'a', extra: true }, row)).toEqual({ id: 1, name: 'a' });
    for (const bad of [null, 'x', 3, [{ id: 1 }]]) expect(rowOf(bad, row)).toBeNull();
  });
});

describe('eachOfShape', () => {
  const row = object({ id: strOrNum, name: str });

  it('gives rows of the shape to the reader and skips the others', () => {
    const got = eachOfShape([{ id: 1, name: 'a' }, 'not a row', [1], { id: 2, name: 'b' }], row, (r) => `${r.id}:${r.name}`);
    expect(got).toEqual({ items: ['1:a', '2:b'], allBad: false });
  });

  it('is allBad when no row of a non-empty list is read, and not for an empty list', () => {
    expect(eachOfShape([null, 3], row, () => 'x').allBad).toBe(true);
    expect(eachOfShape([{ id: 1 }], row, () => null).allBad).toBe(true);
    expect(eachOfShape([], row, () => 'x')).toEqual({ items: [], allBad: false });
  });
});

describe('componentsInScope', () => {
  const all = [component('API'), component('Web  App')];

  it('keeps every component without a usable scope', () => {
    expect(componentsInScope(undefined, all)).toEqual({ ok: true, value: all });
    expect(componentsInScope([], all)).toEqual({ ok: true, value: all });
    expect(componentsInScope(['  '], all)).toEqual({ ok: true, value: all });
  });

  it('keeps the named ones, compared trimmed and case-insensitively', () => {
    expect(componentsInScope([' web app '], all)).toEqual({ ok: true, value: [all[1]] });
  });

  it('fails when the scope names none of a non-empty list, and not for an empty list', () => {
    const r = componentsInScope(['Billing'], all, 'the component list');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('schema');
      expect(r.problem.message).toBe('the component list no longer lists “Billing” — the provider may have renamed it');
    }
    expect(componentsInScope(['Billing'], [])).toEqual({ ok: true, value: [] });
  });
});

describe('snapshot guards', () => {
  it('stated: a snapshot that states something is kept, one that states nothing fails', () => {
    const some = { ...empty, components: [component('API', 'degraded')] };
    expect(stated(some)).toEqual({ ok: true, value: some });
    expect(stated(empty)).toEqual({ ok: false, problem: { code: 'schema', message: STATES_NOTHING_MESSAGE } });
  });

  it('componentsOnly: the worst component is the page; all-malformed rows are a shape failure', () => {
    const r = componentsOnly({ items: [component('A'), component('B', 'partial_outage')], allBad: false });
    expect(r.ok && r.value.indicator).toBe('partial_outage');
    expect(r.ok && r.value.incidents).toEqual([]);
    expect(componentsOnly({ items: [], allBad: true })).toEqual(shapeFailure());
    expect(componentsOnly({ items: [component('A', 'unknown')], allBad: false })).toEqual(
      stated({ ...empty, components: [component('A', 'unknown')] }),
    );
  });

  it('shapeFailure names the body', () => {
    expect(shapeFailure('the incident list')).toEqual({
      ok: false,
      problem: { code: 'schema', message: `the incident list ${SHAPE_MESSAGE}` },
    });
  });
});

describe('jsonFeedAt', () => {
  it('reads one JSON body at the catalog URL, without trailing slashes', () => {
    expect(jsonFeedAt(' https://status.example.com/api/v1/status.json/ ')).toEqual([
      { url: 'https://status.example.com/api/v1/status.json', expect: 'json' },
    ]);
  });
});
