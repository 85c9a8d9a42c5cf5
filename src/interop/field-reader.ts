import { formatPath, type Problem } from "../core/index.ts";
import { isRecord } from "./python-classes.ts";

/**
 * Reads the fields of one Python object into the playground's model, checking each type.
 * Wrong types become problems (the dump cannot be loaded); missing fields take the library's
 * default and are remembered in `absent`, so export leaves them out again; null or empty values
 * that the libraries would not have written are remembered in `explicit`. What is not read stays
 * in `rest()`, verbatim.
 */
export class FieldReader {
  readonly consumed = new Set<string>();
  readonly absent: Record<string, unknown> = {};
  readonly explicit: Record<string, unknown> = {};
  /** Fields that were missing, for warnings. */
  readonly missing: string[] = [];

  constructor(
    readonly src: Record<string, unknown>,
    readonly path: readonly PropertyKey[],
    private readonly problems: Problem[],
  ) {}

  has(key: string): boolean {
    return Object.hasOwn(this.src, key);
  }

  /** Marks a field as read and returns its value. */
  take(key: string): unknown {
    this.consumed.add(key);
    return this.src[key];
  }

  problem(key: string | readonly PropertyKey[], message: string): void {
    this.problems.push({ path: formatPath([...this.path, ...(typeof key === "string" ? [key] : key)]), message });
  }

  #missing<T>(key: string, fallback: T): T {
    this.consumed.add(key);
    this.absent[key] = fallback;
    this.missing.push(key);
    return fallback;
  }

  /** Whole seconds or a counter: a safe, non-negative integer. */
  int(key: string): number {
    if (!this.has(key)) return this.#missing(key, 0);
    const v = this.take(key);
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
    this.problem(key, `must be a whole, non-negative number, not ${describe(v)}`);
    return 0;
  }

  bool(key: string): boolean {
    if (!this.has(key)) return this.#missing(key, false);
    const v = this.take(key);
    if (typeof v === "boolean") return v;
    this.problem(key, `must be true or false, not ${describe(v)}`);
    return false;
  }

  string(key: string): string {
    if (!this.has(key)) return this.#missing(key, "");
    const v = this.take(key);
    if (typeof v === "string") return v;
    this.problem(key, `must be a string, not ${describe(v)}`);
    return "";
  }

  strings(key: string): string[] {
    if (!this.has(key)) return this.#missing(key, []);
    const v = this.take(key);
    if (Array.isArray(v) && v.every((s) => typeof s === "string")) return [...v];
    this.problem(key, `must be a list of strings, not ${describe(v)}`);
    return [];
  }

  object(key: string): Record<string, unknown> {
    if (!this.has(key)) return this.#missing(key, {});
    const v = this.take(key);
    if (isRecord(v)) return v;
    this.problem(key, `must be an object, not ${describe(v)}`);
    return {};
  }

  /** A string the libraries leave out when it is None (`based_on`). */
  nullableString(key: string): string | null {
    if (!this.has(key)) return null;
    const v = this.take(key);
    if (v === null) {
      this.explicit[key] = null;
      return null;
    }
    if (typeof v === "string") return v;
    this.problem(key, `must be a string or absent, not ${describe(v)}`);
    return null;
  }

  /** Any JSON the libraries leave out when it is None (`authorization_details`). */
  nullableAny(key: string): unknown {
    if (!this.has(key)) return null;
    const v = this.take(key);
    if (v === null) this.explicit[key] = null;
    return v;
  }

  /** Usage rules: `expires_in` and `max_usage` whole numbers, `supports_minting` a list of types; other keys kept. */
  rules(key: string | readonly PropertyKey[], value: unknown): Record<string, unknown> {
    if (!isRecord(value)) {
      this.problem(key, `must be an object of usage rules, not ${describe(value)}`);
      return {};
    }
    const at = typeof key === "string" ? [key] : key;
    for (const k of ["expires_in", "max_usage"]) {
      if (Object.hasOwn(value, k) && !(typeof value[k] === "number" && Number.isSafeInteger(value[k]) && (value[k] as number) >= 0)) {
        this.problem([...at, k], `must be a whole, non-negative number, not ${describe(value[k])}`);
      }
    }
    const sm = value.supports_minting;
    if (Object.hasOwn(value, "supports_minting") && !(Array.isArray(sm) && sm.every((s) => typeof s === "string"))) {
      this.problem([...at, "supports_minting"], `must be a list of token types, not ${describe(sm)}`);
    }
    return value;
  }

  /** The fields not read, verbatim (own keys only, even `__proto__`). */
  rest(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this.src)) if (!this.consumed.has(key)) defineField(out, key, this.src[key]);
    return out;
  }
}

/** Sets an own data property, even for the key `__proto__`. */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
