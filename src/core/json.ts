/** JSON values as stored in the session tree. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Deep copy of plain JSON data, so exported state never aliases live state.
 * Hand-rolled rather than JSON round-trip or structuredClone because toJSON runs over
 * 100,000 tokens and almost every value copied is an empty object or a short list.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) defineKey(out, key, cloneJson(v));
  }
  return out as T;
}

/** Sets a key as an own data property, even when the key is `__proto__`. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `record[key]` when it is the record's own entry: a type or id named "toString" must not find Object.prototype's. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** True for objects that are not arrays; for unknown input it narrows to a record. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for an array of strings (an indexed loop: snapshot checks run it on every token). */
export function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
  return true;
}

/** The same test without narrowing, for arguments already typed. */
export function isObjectArg(value: object | undefined | null): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Formats a path such as `["db", "diana;;client_1", "issued_token", 0]` as `db["diana;;client_1"].issued_token[0]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string" && /^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/**
 * How deeply saved JSON may nest. Claims and requests are copied recursively, so absurd nesting
 * (a hostile file) would overflow the stack; real state stays under 20 levels.
 */
export const MAX_NESTING = 1000;

/** The path (its first 4 steps) to a value nested deeper than `max`, or null. Iterative, so any depth (or a cycle) is safe. */
export function deepNesting(root: unknown, max: number): (string | number)[] | null {
  // The common case (nothing too deep) is answered without allocating per value; only a file
  // that fails pays for the second walk that finds the path.
  if (!exceedsNesting(root, max)) return null;
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [{ value: root, depth: 0, path: [] }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > max) return path;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k, v] of entries) stack.push({ value: v, depth: depth + 1, path: path.length < 4 ? [...path, k] : path });
  }
  return null;
}

/** True when some object or array in `root` sits more than `max` levels deep. */
function exceedsNesting(root: unknown, max: number): boolean {
  const values: object[] = [];
  const depths: number[] = [];
  if (root !== null && typeof root === "object") {
    values.push(root);
    depths.push(0);
  }
  while (values.length) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    // Indexing and for-in allocate nothing per object (Object.values would, for each of 100,000 tokens).
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const child: unknown = (value as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
