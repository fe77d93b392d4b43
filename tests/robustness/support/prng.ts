/**
 * A small seeded PRNG (sfc32) for the robustness tests: the same seed gives the same inputs, so a
 * failure is replayed with `FUZZ_SEED=<seed> npx vitest run tests/robustness`.
 */

/** Seed of this run: FUZZ_SEED when set (decimal or 0x…), else a fixed default (CI stays reproducible). */
export function fuzzSeed(name: string): number {
  const env = process.env.FUZZ_SEED;
  if (env && /^(0x[0-9a-f]+|\d+)$/i.test(env.trim())) return Number(env.trim()) >>> 0;
  // A fixed seed per entry point, derived from its name.
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** How many inputs an entry point gets: its share, times FUZZ_SCALE (e.g. 10 for a longer hunt). */
export function fuzzCount(base: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the generators, by weight. */
  weighted<T>(options: readonly (readonly [number, () => T])[]): T {
    const total = options.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, make] of options) {
      x -= w;
      if (x < 0) return make();
    }
    return options[options.length - 1]![1]();
  }
}
