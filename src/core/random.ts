import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

/** The injected source of every random choice: salt, ids, token values, ephemeral subjects. */
export interface Random {
  /** `n` lowercase hexadecimal characters. */
  hex(n: number): string;
}

/** A random generator whose position can be saved and restored, so a manager can be too. */
export interface SeededRandom extends Random {
  readonly seed: string;
  /** The generator's position, as JSON. */
  getState(): RandomState;
}

export interface RandomState {
  seed: string;
  state: [number, number, number, number];
}

/**
 * A deterministic generator: the same seed gives the same sequence on every machine.
 * sfc32 (a small, fast, well-tested PRNG), seeded with the SHA-256 of the seed text.
 * Not for secrets: the playground's values only need to be reproducible.
 */
export function createSeededRandom(seed: string, state?: RandomState["state"]): SeededRandom {
  if (typeof seed !== "string") throw new TypeError("seed must be a string");
  let a: number, b: number, c: number, d: number;
  if (state) {
    [a, b, c, d] = state.map((x) => x >>> 0) as [number, number, number, number];
  } else {
    const h = sha256(utf8ToBytes(seed));
    const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
    a = v.getUint32(0);
    b = v.getUint32(4);
    c = v.getUint32(8);
    d = v.getUint32(12);
  }
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  if (!state) for (let i = 0; i < 12; i++) next(); // mix away the seed's structure
  return {
    seed,
    hex(n: number): string {
      let out = "";
      while (out.length < n) out += next().toString(16).padStart(8, "0");
      return out.slice(0, n);
    },
    getState: () => ({ seed, state: [a >>> 0, b >>> 0, c >>> 0, d >>> 0] }),
  };
}

/** Restores a generator saved with `getState()`. */
export function restoreSeededRandom(saved: RandomState): SeededRandom {
  return createSeededRandom(saved.seed, saved.state);
}

/** A fresh seed from the platform's cryptographic generator (Node and browsers both have it). */
export function randomSeed(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");
}
