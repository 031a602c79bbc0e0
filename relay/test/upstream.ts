/**
 * A stand-in for the internet inside workerd: the relay's `fetch` (upstream status feeds, Hacker
 * News, Mastodon) is replaced by a router serving real captured payloads from ../test/fixtures.
 * Every request is recorded, so tests can count upstream reads and see conditional headers.
 */
import { vi } from 'vitest';

export interface Seen {
  url: string;
  headers: Record<string, string>;
}

export type Handler = (req: Request) => Response | Promise<Response>;

export class Upstream {
  readonly seen: Seen[] = [];
  private readonly routes: { match: (u: URL) => boolean; handle: Handler }[] = [];

  route(match: (u: URL) => boolean, handle: Handler): this {
    this.routes.unshift({ match, handle });
    return this;
  }

  count(pred: (u: URL) => boolean): number {
    return this.seen.filter((s) => pred(new URL(s.url))).length;
  }

  install(): void {
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      this.seen.push({ url: req.url, headers: Object.fromEntries(req.headers) });
      const u = new URL(req.url);
      const r = this.routes.find((x) => x.match(u));
      if (!r) return new Response('not found', { status: 404 });
      // Give other requests a chance to arrive while this one is "on the wire".
      await new Promise((resolve) => setTimeout(resolve, 5));
      return r.handle(req);
    });
  }
}

/** A JSON feed answering 304 to a matching If-None-Match. */
export function jsonFeed(body: () => string, etag = '"v1"'): Handler {
  return (req) =>
    req.headers.get('if-none-match') === etag
      ? new Response(null, { status: 304, headers: { etag } })
      : new Response(body(), { headers: { 'content-type': 'application/json', etag } });
}
