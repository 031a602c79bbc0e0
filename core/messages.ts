/**
 * The typed message protocol between the popup/options pages and the service worker: every
 * request type with the answer it gets, a handler map the worker registers (`handleMessages`),
 * and `ask` for the pages. One table, so a page cannot send what the worker does not answer.
 */
import type { WxtBrowser } from 'wxt/browser';

/** What each request carries (besides its `type`). */
export interface Requests {
  /** Read this service's feed and complaint sources now. */
  refresh: { serviceId: string };
  /** Run the scheduler's tick now (poll what is due). */
  'poll-now': Record<never, never>;
  /** The person's own "it's broken for me" (on: true) or its undo (on: false). */
  report: { serviceId: string; on: boolean };
  /** "Tell me when it's back" (on: true) or its cancel (on: false): a one-off watch (core/backwatch.ts). */
  'back-watch': { serviceId: string; on: boolean };
  /** Options page "Test connection"; credentials never travel in messages. */
  'test-source': { source: 'bluesky' | 'isdown' };
}

export interface TestSourceAnswer {
  ok: boolean;
  message: string;
}

/** What each request is answered with. */
export interface Answers {
  /** true once done; false when it failed. */
  refresh: boolean;
  'poll-now': boolean;
  report: boolean;
  'back-watch': boolean;
  'test-source': TestSourceAnswer;
}

export type MessageType = keyof Requests;
export type Message = { [K in MessageType]: { type: K } & Requests[K] }[MessageType];
/** Sent by the worker to any open page when stored data changed. */
export type Broadcast = { type: 'updated'; serviceIds: string[] };

/** The worker's side: one async handler per request type. */
export type Handlers = { [K in MessageType]: (request: Requests[K]) => Promise<unknown> };

/** The answer when a handler did its work (`done`) or threw (`failed`), per type. */
const ANSWER: { [K in MessageType]: { done: (value: unknown) => Answers[K]; failed: (error: unknown) => Answers[K] } } = {
  refresh: { done: () => true, failed: () => false },
  'poll-now': { done: () => true, failed: () => false },
  report: { done: () => true, failed: () => false },
  'back-watch': { done: () => true, failed: () => false },
  'test-source': { done: (value) => value as TestSourceAnswer, failed: (e) => ({ ok: false, message: String(e) }) },
};

const isMessage = (raw: unknown): raw is Message =>
  typeof raw === 'object' && raw !== null && Object.prototype.hasOwnProperty.call(ANSWER, (raw as { type?: unknown }).type as string);

/**
 * Register the handlers. Uses sendResponse + `return true` (not a returned promise): that works on
 * every Chrome and Firefox version. Messages of other types (the worker's own broadcasts) are not
 * answered here.
 */
export function handleMessages(b: WxtBrowser, handlers: Handlers): void {
  b.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if (!isMessage(raw)) return false;
    const answer = ANSWER[raw.type];
    const handler = handlers[raw.type] as (request: Message) => Promise<unknown>;
    handler(raw).then(
      (value) => sendResponse(answer.done(value)),
      (error) => sendResponse(answer.failed(error)),
    );
    return true;
  });
}

/** The pages' side: send a request and get its typed answer. */
export function ask<K extends MessageType>(b: Pick<WxtBrowser, 'runtime'>, type: K, request: Requests[K]): Promise<Answers[K]> {
  return b.runtime.sendMessage({ type, ...request }) as Promise<Answers[K]>;
}
