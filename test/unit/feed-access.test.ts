/**
 * A catalog feed that needs a host permission the browser has not given (a Better Stack page
 * newer than the last release: core/net/access.ts `splitHostPermissions`) is never fetched and
 * never `ok`: the service is `unknown` with the reason "press Allow reading". Once the person
 * allows that one origin (the popup's button; here the browser's permissions.onAdded event), the
 * worker reads the feed at once, without waiting for the next alarm.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { start } from '../../core/background';
import { getService } from '../../core/catalog/bundled';
import { feedPermissionOf } from '../../core/net/access';
import { getRecord, openStore } from '../../core/store';

// Real Better Stack index.json (status.huggingface.co, test/fixtures/feeds/PROVENANCE.md), served as this page's feed.
const BODY = readFileSync('test/fixtures/feeds/betterstack-index-huggingface-operational-trimmed.json', 'utf8');
const NOW = Date.parse('2026-12-07T12:00:00Z');
const until = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });

const b = fakeBrowser as unknown as WxtBrowser;
const original = { ...fakeBrowser.permissions };
afterEach(() => Object.assign(fakeBrowser.permissions, original));

describe('a catalog feed asked for at the person’s click', () => {
  it('is not read without its host, says why, and is read as soon as the host is allowed', async () => {
    const service = getService('plausible-analytics')!;
    const origin = feedPermissionOf(service)!;
    expect(origin).toBe('https://status.plausible.io/*');

    const held = new Set<string>();
    const added: ((p: { origins?: string[] }) => void)[] = [];
    Object.assign(fakeBrowser.permissions, {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => held.has(o)),
      onAdded: { addListener: (fn: (p: { origins?: string[] }) => void) => added.push(fn) },
    });
    const urls: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(BODY, { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    await fakeBrowser.storage.local.set({ settings: { watched: [service.id] } });
    const db = () => openStore('feed-access-test');
    const api = start(b, { fetch, now: () => NOW, db });
    await api.ready;

    await until(async () => expect((await getRecord(await db(), service.id))?.problem?.code).toBe('permission'));
    expect((await getRecord(await db(), service.id))?.problem?.message).toMatch(/Allow reading/);
    expect(urls.filter((u) => u.startsWith('https://status.plausible.io/'))).toEqual([]);

    held.add(origin);
    for (const fn of added) fn({ origins: [origin] });
    await until(() => expect(urls).toContain('https://status.plausible.io/index.json'));
    await until(async () => expect((await getRecord(await db(), service.id))?.problem ?? null).toBeNull());
    expect((await getRecord(await db(), service.id))?.snapshot?.indicator).toBeDefined();
  });
});
