import { InvalidStateFile } from "../core/index.ts";

/** Parses JSON text, turning a syntax error into `InvalidStateFile` with its line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new InvalidStateFile([{ path: "", message: "the JSON is nested too deeply to read" }]);
    }
    const message = (e as Error).message;
    const offset = errorOffset(message, text);
    const { line, column } = lineAndColumn(text, offset);
    throw new InvalidStateFile(
      [{ path: "", message: `not valid JSON at line ${line}, column ${column}: ${message}` }],
      `The file is not valid JSON (line ${line}, column ${column}): ${message}.`,
    );
  }
}

function errorOffset(message: string, text: string): number {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return offsetOf(text, Number(lc[1]), Number(lc[2]));
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/Unexpected end/i.test(message)) return text.length;
  return viablePrefixLength(text);
}

/**
 * Some engines (Node 20's V8) name the bad token but not where it is. A prefix of valid JSON
 * fails only with "unexpected end", and every shorter prefix does too, so a binary search
 * finds the first offending character. Bounded so a huge file does not stall on its error path.
 */
function viablePrefixLength(text: string): number {
  if (text.length > 4 * 1024 * 1024) return text.length;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (isViablePrefix(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    if (/Unexpected end/i.test(message)) return true;
    const pos = /position (\d+)/.exec(message);
    return pos !== null && Number(pos[1]) >= prefix.length;
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return offset + column - 1;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
