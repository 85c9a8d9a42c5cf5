import { describe, expect, it } from "vitest";
import { code, commentLines, pyLiteral, pyString, tsLiteral, tsString } from "./literals.ts";
import { NASTY, NASTY_CLIENT, NASTY_CODE, NASTY_USER, runPython } from "./test-helpers.ts";

const HOSTILE = [
  NASTY,
  NASTY_USER,
  NASTY_CLIENT,
  NASTY_CODE,
  "",
  '"',
  "\\",
  "\\u0041 is not A",
  "'''\"\"\"",
  "\u2028\u2029",
  "\ud83d\ude00\ud800",
  "\udfff\ud83d",
  "\u0000\u001f\u007f\u0080\u009f\u00ff\u0100\uffff",
  "${`x`}",
];

const evalJs = (expression: string): unknown => new Function(`return (${expression});`)();

describe("TypeScript literals", () => {
  it("round-trip every hostile string exactly, in printable ASCII", () => {
    for (const s of HOSTILE) {
      const lit = tsString(s);
      expect(lit).toMatch(/^[\x20-\x7e]*$/);
      expect(evalJs(lit)).toBe(s);
    }
  });

  it("round-trip JSON values, keeping a __proto__ key as an own property", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a b": [1, -0, 2.5e-7, 1e21, null, true], "class": {"": "x"}}') as Record<string, unknown>;
    Object.assign(value, Object.fromEntries(HOSTILE.map((s, i) => [s, i])));
    const back = evalJs(tsLiteral(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
  });

  it("embeds code as written and uses shorthand where the name matches", () => {
    expect(tsLiteral({ clock: code("clock"), basedOn: code("code1.value") })).toBe("{ clock, basedOn: code1.value }");
  });

  it("lays out long values one item per line", () => {
    const lit = tsLiteral({ list: Array.from({ length: 30 }, (_, i) => `item-${i}`) });
    expect(lit.split("\n").length).toBeGreaterThan(30);
    expect(evalJs(lit)).toEqual({ list: Array.from({ length: 30 }, (_, i) => `item-${i}`) });
  });
});

describe("Python literals", () => {
  it("round-trip every hostile string exactly, in printable ASCII", () => {
    const literals = HOSTILE.map(pyString);
    for (const lit of literals) expect(lit).toMatch(/^[\x20-\x7e]*$/);
    const script = "import ast, json, sys\nprint(json.dumps([ast.literal_eval(s) for s in json.loads(sys.stdin.read())]))";
    expect(JSON.parse(runPython(script, JSON.stringify(literals)))).toEqual(HOSTILE);
  });

  it("writes astral characters as one \\U escape and lone surrogates as \\u escapes", () => {
    expect(pyString("\ud83d\ude00")).toBe('"\\U0001f600"');
    expect(pyString("\ud800x")).toBe('"\\ud800x"');
    expect(pyString("é\u00a0")).toBe('"\\xe9\\xa0"');
  });

  it("round-trip JSON values with Python's None, True and False", () => {
    const value = { none: null, yes: true, no: false, n: [0, -3, 2.5e-7, 1e21], [NASTY]: { nested: [NASTY_CODE] } };
    const script = "import ast, json, sys\nprint(json.dumps(ast.literal_eval(sys.stdin.read())))";
    expect(JSON.parse(runPython(script, pyLiteral(value)))).toEqual(value);
    expect(pyLiteral({ a: null, b: true })).toBe('{"a": None, "b": True}');
  });
});

describe("comments", () => {
  const text = `first\nsecond\rthird\u2028alert("ls")\u2029alert("ps")\u0085x = 1\u000bnul\u0000 rlo\u202e lone\ud800 end */ done`;

  it("keep hostile text inside JavaScript comments", () => {
    const lines = commentLines(text, "//");
    for (const line of lines) {
      expect(line.startsWith("//")).toBe(true);
      // eslint-disable-next-line no-control-regex -- these are the characters that must not appear
      expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085\u000b\u0000\u202e]/);
    }
    // A body made only of these lines is only comments: it parses and does nothing.
    expect(() => new Function(lines.join("\n"))()).not.toThrow();
    expect(lines.join("\n")).toContain("\\u202e");
    expect(lines.join("\n")).toContain("\\ud800");
    expect(commentLines("a\u00a0b\u200bc\ufeffd", "//")).toEqual(["// a\\u00a0b\\u200bc\\ufeffd"]);
  });

  it("keep hostile text inside Python comments", () => {
    const lines = commentLines(text, "#", "    ");
    for (const line of lines) expect(line.startsWith("    #")).toBe(true);
    const script = "import ast, sys\nprint(len(ast.parse(sys.stdin.read()).body))";
    expect(runPython(script, `if True:\n${lines.join("\n")}\n    pass\n`).trim()).toBe("1");
  });

  it("wraps long text at word boundaries with hanging list items", () => {
    const lines = commentLines(`- ${"word ".repeat(60)}`, "#");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[1].startsWith("#   word")).toBe(true);
  });
});
