/** JSON text with object keys sorted, so two equal states compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * `canonicalJson(a) === canonicalJson(b)`, answered by walking both values side by side: no text
 * is built, so comparing two 100,000-token states costs a walk, not two 30 MB strings, and the
 * first difference ends it. Anything JSON would write differently from what it is (a `toJSON`
 * method, a non-finite number, a function) is left to the texts.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const walked = equalWalk(a, b);
  return walked === UNSURE ? canonicalJson(a) === canonicalJson(b) : walked;
}

const UNSURE = 2;

/** true / false when both values are plain JSON; UNSURE as soon as either holds anything else. */
function equalWalk(a: unknown, b: unknown): boolean | typeof UNSURE {
  // The same value writes the same text, unless JSON cannot write it at all.
  if (a === b) return typeof a === "bigint" ? UNSURE : true;
  // Different values: unequal when both are plain JSON (a container against anything else
  // included), else the texts decide.
  if (typeof a !== "object" || a === null || !plainContainer(a) || typeof b !== "object" || b === null) return plain(a) && plain(b) ? false : UNSURE;
  if (!plainContainer(b)) return UNSURE;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // JSON writes a missing or undefined element as null.
      const r = equalWalk(a[i] === undefined ? null : a[i], b[i] === undefined ? null : b[i]);
      if (r !== true) return r;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // JSON leaves out keys whose value is undefined: count only the others.
  let na = 0;
  for (const key of Object.keys(ao)) {
    const v = ao[key];
    if (v === undefined) continue;
    na++;
    const w = Object.hasOwn(bo, key) ? bo[key] : undefined;
    if (w === undefined) return plain(v) ? false : UNSURE;
    const r = equalWalk(v, w);
    if (r !== true) return r;
  }
  let nb = 0;
  for (const key of Object.keys(bo)) if (bo[key] !== undefined) nb++;
  return na === nb;
}

/** A value JSON writes as itself (checked one level deep; containers are walked). */
function plain(v: unknown): boolean {
  const t = typeof v;
  if (t === "string" || t === "boolean" || v === null) return true;
  if (t === "number") return Number.isFinite(v);
  return t === "object" && plainContainer(v as object);
}

/** An array, or an object JSON.stringify writes member by member. */
function plainContainer(v: object): boolean {
  return Array.isArray(v) || isPlainJsonObject(v);
}

/** An object (not an array) with the plain prototype and no `toJSON` of its own: JSON.stringify writes it member by member. */
export function isPlainJsonObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    else out[key] = sortKeys(v);
  }
  return out;
}

/** The path of the first place where two JSON values differ, or `null` when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.max(a.length, bb.length); i++) {
      const d = firstDifference(a[i], bb[i], [...path, i]);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], [...path, k]);
    if (d) return d;
  }
  return null;
}
