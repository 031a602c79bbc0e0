import type { Limiter } from './limiter';
import type { Registry } from './registry';
import type { ServiceObject } from './service';

export interface Env {
  SERVICE: DurableObjectNamespace<ServiceObject>;
  LIMITER: DurableObjectNamespace<Limiter>;
  REGISTRY: DurableObjectNamespace<Registry>;
  /**
   * Distinct install tokens one IP address may contribute to one service's window (default 1). A
   * team relay whose browsers all sit behind one office NAT raises it (wrangler.jsonc `vars`).
   */
  MAX_TOKENS_PER_IP?: string;
  /** Reports one IP address may send per 10 minutes, all services together (default 30). */
  IP_REPORTS_PER_10MIN?: string;
  /** Reports one install token may send per hour (default 20). */
  TOKEN_REPORTS_PER_HOUR?: string;
  /** Local load runs only: take "now" from the x-relay-bench-now header (relay/bench/run.ts). */
  BENCH_CLOCK?: string;
}

export function numberVar(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}
