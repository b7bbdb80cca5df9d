import { describeError } from './describe-error';
/**
 * Where a JSON text first breaks the grammar. Node's JSON.parse reports a position for some
 * errors but only a quoted excerpt for others, and a profile author needs a line and column
 * either way.
 */

/** Line and column (both 1-based) of a character offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Offset of the first JSON syntax error in `text`, or null when it is valid JSON. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const expect = (ch: string): void => {
    if (text.charAt(i) !== ch) fail();
    i += 1;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail();
      const ch = text.charAt(i);
      if (ch === '"') break;
      if (ch < ' ') fail();
      if (ch === '\\') {
        i += 1;
        const esc = text.charAt(i);
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(esc) || esc === '') fail();
      }
      i += 1;
    }
    i += 1;
  };
  const sequence = (close: string, item: () => void): void => {
    i += 1;
    ws();
    if (text.charAt(i) === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text.charAt(i) === ',') {
        i += 1;
        ws();
        continue;
      }
      expect(close);
      return;
    }
  };
  const value = (): void => {
    ws();
    const ch = text.charAt(i);
    if (ch === '{') {
      sequence('}', () => {
        string();
        ws();
        expect(':');
        value();
      });
    } else if (ch === '[') sequence(']', value);
    else if (ch === '"') string();
    else {
      const literal = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      literal.lastIndex = i;
      const match = literal.exec(text);
      if (match === null || match[0] === '') fail();
      else i += match[0].length;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (err) {
    if (err instanceof SyntaxAt) return err.offset;
    throw err;
  }
}

/** Line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Why JSON text does not parse, on one line: "at line 3 column 7: Unexpected token 'x'". The
 * parser's own message can quote the text (newlines and all: a short file whole), so the
 * quote is dropped and the position given instead.
 */
export function describeJsonError(text: string, err: unknown): string {
  const message = describeError(err);
  const reason = message
    .replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '')
    .replace(/\s*[\r\n]+\s*/g, ' ');
  const offset = jsonErrorOffset(text);
  if (offset === null) return reason;
  const { line, column } = positionOf(text, offset);
  return `at line ${line} column ${column}: ${reason}`;
}

/** Unwinds the recursive descent to the offending offset. */
class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}
