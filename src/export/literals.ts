/**
 * Source-code literals for TypeScript and Python. Every string is escaped to printable ASCII, so a
 * snippet survives copy and paste, any file encoding, and hostile text (quotes, backslashes,
 * line and paragraph separators, lone surrogates, NUL).
 */

/** Code to embed as is where a literal would go (a variable reference, an expression). */
export class Code {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export const code = (text: string): Code => new Code(text);

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

/** A double-quoted TypeScript/JavaScript string literal, ASCII only; lone surrogates survive as `\uXXXX`. */
export function tsString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c > 0x7e) out += `\\u${hex(c, 4)}`;
    else out += s[i];
  }
  return out + '"';
}

/**
 * A double-quoted Python 3 `str` literal, ASCII only. Astral characters become `\UXXXXXXXX`;
 * a lone surrogate becomes `\uXXXX`, which Python keeps as the same lone code point.
 */
export function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += `\\U${hex(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00), 8)}`;
        i++;
        continue;
      }
    }
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c <= 0xff)) out += `\\x${hex(c, 2)}`;
    else if (c > 0xff) out += `\\u${hex(c, 4)}`;
    else out += s[i];
  }
  return out + '"';
}

const TS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

/** True when `name` can be a Python keyword argument (`f(name=…)`). */
export function isPyKeywordArgument(name: string): boolean {
  return PY_IDENTIFIER.test(name) && !PY_KEYWORDS.has(name);
}

function number(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`${n} is not a JSON number`);
  return Object.is(n, -0) ? "0" : String(n);
}

const WIDTH = 100;

/** Items on one line when they fit (`spaced` puts spaces inside the brackets), else one per line. */
function layout(open: string, close: string, items: string[], indent: number, step: number, spaced = false): string {
  if (items.length === 0) return open + close;
  const space = spaced ? " " : "";
  const oneLine = `${open}${space}${items.join(", ")}${space}${close}`;
  if (oneLine.length + indent <= WIDTH && !oneLine.includes("\n")) return oneLine;
  const pad = " ".repeat(indent + step);
  return `${open}\n${items.map((i) => pad + i + ",").join("\n")}\n${" ".repeat(indent)}${close}`;
}

/** A TypeScript expression for a JSON value (objects with `Code` inside allowed); `undefined` members are left out. */
export function tsLiteral(value: unknown, indent = 0): string {
  if (value instanceof Code) return value.text;
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return number(value);
  if (typeof value === "string") return tsString(value);
  if (Array.isArray(value)) return layout("[", "]", value.map((v) => tsLiteral(v, indent + 2)), indent, 2);
  if (typeof value === "object") {
    const items: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      // `__proto__: x` in a literal would set the prototype; a computed key makes an own property, as JSON.parse does.
      const key = k === "__proto__" ? `[${tsString(k)}]` : TS_IDENTIFIER.test(k) ? k : tsString(k);
      items.push(v instanceof Code && v.text === key ? key : `${key}: ${tsLiteral(v, indent + 2)}`);
    }
    return layout("{", "}", items, indent, 2, true);
  }
  throw new TypeError(`Cannot write ${typeof value} as a literal`);
}

/** A Python expression for a JSON value (`Code` inside allowed); `undefined` members are left out. */
export function pyLiteral(value: unknown, indent = 0): string {
  if (value instanceof Code) return value.text;
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return number(value);
  if (typeof value === "string") return pyString(value);
  if (Array.isArray(value)) return layout("[", "]", value.map((v) => pyLiteral(v, indent + 4)), indent, 4);
  if (typeof value === "object") {
    const items: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) items.push(`${pyString(k)}: ${pyLiteral(v, indent + 4)}`);
    return layout("{", "}", items, indent, 4);
  }
  throw new TypeError(`Cannot write ${typeof value} as a literal`);
}

/** Python keyword arguments, `name=value`, one per line when they do not fit on one. */
export function pyCall(callee: string, args: [name: string | null, value: string][], indent = 0): string {
  const items = args.map(([n, v]) => (n === null ? v : `${n}=${v}`));
  const oneLine = `${callee}(${items.join(", ")})`;
  if (oneLine.length + indent <= WIDTH && !oneLine.includes("\n")) return oneLine;
  const pad = " ".repeat(indent + 4);
  return `${callee}(\n${items.map((i) => pad + i + ",").join("\n")}\n${" ".repeat(indent)})`;
}

// Characters that end a line in JavaScript or Python source, and others a comment must not carry raw.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_COMMENT = /[\u0000-\u0008\u000e-\u001f\u007f-\u00a0\u1680\u2000-\u200f\u202a-\u202f\u205f\u2066-\u2069\u3000\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Free text as line comments (`//` or `#`): one comment line per line of text, with every
 * line terminator honoured and control, bidirectional-override, invisible-space and lone-surrogate
 * characters shown as `\uXXXX`, so no text can end a comment early or hide or reorder what a reader sees.
 */
export function commentLines(text: string, marker: "//" | "#", indent = ""): string[] {
  const room = Math.max(40, WIDTH - indent.length - marker.length - 1);
  return text
    .replace(/\t/g, " ")
    .split(LINE_BREAK)
    .map((line) => line.replace(UNSAFE_IN_COMMENT, (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`).trimEnd())
    .flatMap((line) => wrap(line, room))
    .map((line) => (line ? `${indent}${marker} ${line}` : `${indent}${marker}`));
}

/** Greedy word wrap; a word longer than the room stays whole on its own line; list items (`- `) hang. */
function wrap(line: string, room: number): string[] {
  if (line.length <= room) return [line];
  const hang = line.startsWith("- ") ? "  " : "";
  const out: string[] = [];
  let current = "";
  for (const word of line.split(/ +/)) {
    if (current.trim() && current.length + 1 + word.length > room) {
      out.push(current);
      current = hang + word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}
