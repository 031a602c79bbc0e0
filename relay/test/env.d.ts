// The test runtime's `env` is the Worker's Env (src/env.ts); `?raw` imports are text (Vite).
declare namespace Cloudflare {
  interface Env {
    SERVICE: DurableObjectNamespace<import('../src/service').ServiceObject>;
    LIMITER: DurableObjectNamespace<import('../src/limiter').Limiter>;
    REGISTRY: DurableObjectNamespace<import('../src/registry').Registry>;
  }
}
declare module '*?raw' {
  const text: string;
  export default text;
}
