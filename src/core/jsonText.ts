/**
 * The one JSON reader for the user's hand-written files (config.json, theme files): strict JSON, and
 * on a mistake the exact line and column where it was found (JSON.parse's messages differ between Node
 * versions and do not always say where). A leading UTF-8 BOM is accepted; a "__proto__" key is a plain
 * key; a character in a message is shown visibly (U+FEFF, not an invisible one). Pure.
 */

/** A character for a message: printable ASCII in quotes, anything else as U+XXXX. */
function visible(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e ? JSON.stringify(c) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** JSON.parse in Node 20 does not always report where it failed; this strict parser does (line, column). */
export class JsonPositionError extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${problem} at line ${line}, column ${column}`);
  }
}

export function parseJsonWithPosition(source: string): unknown {
  // A UTF-8 byte order mark (some Windows editors write one) is not part of the data.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  let i = 0;

  const fail = (problem: string, at = i): never => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    throw new JsonPositionError(problem, line, at - lineStart + 1);
  };
  const skip = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const describe = () => (i >= text.length ? 'unexpected end of file' : `unexpected ${visible(text[i]!)}`);

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') i += 2;
      else if (c < ' ') fail('control character in string');
      else i++;
    }
    return fail('unterminated string', start);
  };

  const parseValue = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skip();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail(`expected a property name in quotes, ${describe()}`);
        const key = parseString();
        skip();
        if (text[i] !== ':') fail(`expected ':', ${describe()}`);
        i++;
        // defineProperty: a "__proto__" key stays an own data property and never sets the prototype
        Object.defineProperty(obj, key, { value: parseValue(), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}', ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue());
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']', ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (literal) {
      i += literal[0].length;
      return JSON.parse(literal[0]);
    }
    return fail(`expected a value, ${describe()}`);
  };

  const value = parseValue();
  skip();
  if (i < text.length) fail(`unexpected ${visible(text[i]!)} after the end of the data`);
  return value;
}
