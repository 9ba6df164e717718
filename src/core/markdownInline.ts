/**
 * Inline Markdown of one line: `code`, **strong**, *emphasis*, ~~strike~~, [links](url) and
 * backslash escapes. Returns runs whose texts, joined, are the line as shown (markers removed).
 * Pure; unmatched markers stay literal text.
 */
/** Inline kinds, then code-highlight kinds (`added` / `removed`: diff lines). */
export type RunKind = 'code' | 'link' | 'url' | 'keyword' | 'string' | 'comment' | 'number' | 'added' | 'removed';

export interface Run {
  text: string;
  kind?: RunKind;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
}

interface Flags {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  kind?: RunKind;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!~|<>]/;

function push(out: Run[], text: string, f: Flags): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.kind === f.kind && !!last.bold === !!f.bold && !!last.italic === !!f.italic && !!last.strike === !!f.strike) {
    last.text += text;
    return;
  }
  const run: Run = { text };
  if (f.kind) run.kind = f.kind;
  if (f.bold) run.bold = true;
  if (f.italic) run.italic = true;
  if (f.strike) run.strike = true;
  out.push(run);
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Index of the closing `delim` for an opening at `from` (content starts at `from`), or -1. */
function findClose(s: string, from: number, delim: string): number {
  let i = from;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      // Skip a code span inside: emphasis never closes inside code.
      const run = /^`+/.exec(s.slice(i))![0];
      const end = s.indexOf(run, i + run.length);
      if (end > 0) {
        i = end + run.length;
        continue;
      }
    }
    if (s.startsWith(delim, i) && i > from && !isSpace(s[i - 1])) {
      const after = s[i + delim.length];
      const single = delim.length === 1;
      // `**` is not a closing `*`; `_` must not be inside a word.
      if (single && s[i + 1] === delim) {
        i += 2;
        continue;
      }
      if (delim[0] === '_' && isWord(after)) {
        i += delim.length;
        continue;
      }
      return i;
    }
    i++;
  }
  return -1;
}

function parseInto(s: string, f: Flags, out: Run[]): void {
  let i = 0;
  let plain = '';
  const flush = () => {
    push(out, plain, f);
    plain = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1]!)) {
      plain += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))![0];
      const end = s.indexOf(run, i + run.length);
      if (end > 0 && s[end + run.length] !== '`') {
        flush();
        let code = s.slice(i + run.length, end);
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        push(out, code, { ...f, kind: 'code' });
        i = end + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (c === '!' && s[i + 1] === '[') {
      // An image cannot show in a terminal: its alt text as a link, then the URL.
      const m = /^!\[([^\]]*)\]\(([^)\s]+)\)/.exec(s.slice(i));
      if (m) {
        flush();
        push(out, `image: ${m[1] || 'untitled'}`, { ...f, kind: 'link' });
        push(out, ` (${m[2]})`, { kind: 'url' });
        i += m[0].length;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(s.slice(i));
      if (m) {
        flush();
        parseInto(m[1]!, { ...f, kind: 'link' }, out);
        if (m[1] !== m[2]) push(out, ` (${m[2]})`, { kind: 'url' });
        i += m[0].length;
        continue;
      }
    }
    if (c === '<') {
      const m = /^<(https?:\/\/[^>\s]+)>/.exec(s.slice(i));
      if (m) {
        flush();
        push(out, m[1]!, { ...f, kind: 'url' });
        i += m[0].length;
        continue;
      }
    }
    if ((s.startsWith('***', i) || s.startsWith('___', i)) && !isSpace(s[i + 3]) && !(c === '_' && isWord(s[i - 1]))) {
      const close = s.indexOf(s.slice(i, i + 3), i + 4);
      if (close > 0 && !isSpace(s[close - 1]) && s[close + 3] !== c) {
        flush();
        parseInto(s.slice(i + 3, close), { ...f, bold: true, italic: true }, out);
        i = close + 3;
        continue;
      }
    }
    const two = s.slice(i, i + 2);
    const delim = two === '**' || two === '__' || two === '~~' ? two : c === '*' || c === '_' ? c : undefined;
    if (delim && !isSpace(s[i + delim.length]) && !(delim[0] === '_' && isWord(s[i - 1]))) {
      const close = findClose(s, i + delim.length, delim);
      if (close > i + delim.length) {
        flush();
        const inner = s.slice(i + delim.length, close);
        const next: Flags =
          delim === '~~' ? { ...f, strike: true } : delim.length === 2 ? { ...f, bold: true } : { ...f, italic: true };
        parseInto(inner, next, out);
        i = close + delim.length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
}

export function parseInline(line: string): Run[] {
  const out: Run[] = [];
  parseInto(line, {}, out);
  return out;
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

/**
 * Cut `runs` (whose joined text is `plain`) along wrapped `rows` of that text. Rows are found in order
 * in `plain` (the wrapper only drops spaces at breaks); a row that cannot be found gets one plain run.
 */
export function runsForRows(plain: string, runs: readonly Run[], rows: readonly string[]): Run[][] {
  const owner: number[] = [];
  runs.forEach((r, ri) => {
    for (let k = 0; k < r.text.length; k++) owner.push(ri);
  });
  const out: Run[][] = [];
  let cursor = 0;
  for (const row of rows) {
    const at = row === '' ? cursor : plain.indexOf(row, cursor);
    if (at < 0 || plain.slice(cursor, at).trim() !== '') {
      out.push([{ text: row }]);
      continue;
    }
    const pieces: Run[] = [];
    let k = at;
    while (k < at + row.length) {
      const ri = owner[k]!;
      let end = k + 1;
      while (end < at + row.length && owner[end] === ri) end++;
      const { text: _t, ...style } = runs[ri]!;
      pieces.push({ ...style, text: plain.slice(k, end) });
      k = end;
    }
    out.push(pieces);
    cursor = at + row.length;
  }
  return out;
}
