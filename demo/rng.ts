/**
 * mulberry32: a small seeded generator, uniform in [0, 1). One definition for everything that needs
 * the same pseudo-random series on every run — the demo world, the soak, the benches' seeded
 * history and the synthetic complaint series in tests. No Node or browser APIs, so a bench page can
 * bundle it too.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
