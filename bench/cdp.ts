/**
 * A minimal DevTools-protocol client for the browser endpoint (one WebSocket, flattened sessions),
 * for what Playwright's API does not reach: a service worker target attached *before* its script
 * runs (Target.setAutoAttach with waitForDebuggerOnStart), so a cold start is measured from its
 * first instruction. Chromium must run with --remote-debugging-port; `connectCdp(userDataDir)`
 * reads the port Chromium chose from the profile's DevToolsActivePort file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { sleep } from './lib';

type Handler = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export interface Cdp {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  on(method: string, handler: Handler): () => void;
  close(): void;
}

/** Connect to the browser target of the Chromium whose profile is `userDataDir`. */
export async function connectCdp(userDataDir: string): Promise<Cdp> {
  let lines: string[] = [];
  for (let i = 0; i < 100 && lines.length < 2; i++) {
    try {
      lines = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').trim().split('\n');
    } catch {
      await sleep(100);
    }
  }
  if (lines.length < 2) throw new Error('Chromium wrote no DevToolsActivePort (was it started with --remote-debugging-port=0?)');
  const ws = new WebSocket(`ws://127.0.0.1:${lines[0]}${lines[1]}`, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  let seq = 0;
  const pending = new Map<number, { res: (v: unknown) => void; rej: (e: Error) => void; method: string }>();
  const handlers = new Map<string, Set<Handler>>();
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(String(data)) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: unknown;
      error?: { message: string };
      sessionId?: string;
    };
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.rej(new Error(`${p.method}: ${msg.error.message}`));
      else p?.res(msg.result);
    } else if (msg.method) {
      for (const h of handlers.get(msg.method) ?? []) h(msg.params ?? {}, msg.sessionId);
    }
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.rej(new Error(`${p.method}: connection closed`));
    pending.clear();
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
      const id = ++seq;
      return new Promise<T>((res, rej) => {
        pending.set(id, { res: res as (v: unknown) => void, rej, method });
        ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      });
    },
    on(method, handler) {
      const set = handlers.get(method) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(method, set);
      return () => set.delete(handler);
    },
    close: () => ws.close(),
  };
}

/** Performance.getMetrics of a target, by name, in ms for the durations. */
export async function metricsOf(cdp: Cdp, sessionId: string): Promise<Record<string, number>> {
  const { metrics } = await cdp.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics', {}, sessionId);
  return Object.fromEntries(metrics.map((m) => [m.name, /Duration$|Time$/.test(m.name) ? m.value * 1000 : m.value]));
}
