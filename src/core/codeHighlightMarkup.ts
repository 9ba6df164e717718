/**
 * Line rules for the languages that are not keyword-and-string shaped: yaml (keys, scalars, comments),
 * html/xml (tags, attribute values, comments carried across lines) and diff (added, removed, hunk and
 * file header lines). Pure; used by codeHighlight.ts.
 */
import type { Run } from './markdownInline.js';

/** Open construct carried to the next line: the text that closes it. */
export interface HighlightState {
  closeWith?: string;
  kind?: 'comment' | 'string';
}

export const MARKUP_LANGS: ReadonlySet<string> = new Set(['yaml', 'html', 'xml', 'diff']);

type Kind = Run['kind'];

function push(out: Run[], text: string, kind: Kind): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

function diffLine(line: string): Run[] {
  if (line === '') return [];
  const kind: Kind =
    /^(\+\+\+|---|diff |index |new file|deleted file|similarity|rename )/.test(line)
      ? 'comment'
      : line.startsWith('@@')
        ? 'keyword'
        : line.startsWith('+')
          ? 'added'
          : line.startsWith('-')
            ? 'removed'
            : 'code';
  return [{ text: line, kind }];
}

const YAML_KEY = /^(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s#'"-][^:#]*?|-[^\s:#][^:#]*?)(\s*:)(?=\s|$)/;
const YAML_WORD = /^(true|false|yes|no|on|off|null|~)(?=\s|$|,|\]|\})/i;

/** A yaml scalar (and what follows it on the line): quotes, comments, numbers and constants. */
function yamlValue(text: string, out: Run[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      push(out, rest, 'comment');
      return;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      push(out, text.slice(i, j + 1), 'string');
      i = j + 1;
      continue;
    }
    const atStart = i === 0 || /[\s,[{]/.test(text[i - 1]!);
    const num = atStart ? /^-?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?(?=\s|$|,|\]|\})/.exec(rest) : null;
    if (num) {
      push(out, num[0], 'number');
      i += num[0].length;
      continue;
    }
    const word = atStart ? YAML_WORD.exec(rest) : null;
    if (word) {
      push(out, word[0], 'keyword');
      i += word[0].length;
      continue;
    }
    push(out, c, 'code');
    i++;
  }
}

function yamlLine(line: string): Run[] {
  const out: Run[] = [];
  if (/^(---|\.\.\.)\s*$/.test(line) || /^\s*#/.test(line)) return line === '' ? [] : [{ text: line, kind: 'comment' }];
  const key = YAML_KEY.exec(line);
  if (key) {
    push(out, key[1]!, 'code');
    push(out, key[2]!, 'keyword');
    push(out, key[3]!, 'code');
    yamlValue(line.slice(key[0].length), out);
    return out;
  }
  const lead = /^\s*(?:-\s+)*/.exec(line)![0];
  push(out, lead, 'code');
  yamlValue(line.slice(lead.length), out);
  return out;
}

const TAG_OPEN = /^<(\/|!|\?)?([A-Za-z][\w:.-]*)/;

function markupLine(line: string, state: HighlightState): { runs: Run[]; state: HighlightState } {
  const out: Run[] = [];
  let i = 0;
  if (state.closeWith) {
    const end = line.indexOf(state.closeWith);
    if (end < 0) return { runs: line === '' ? [] : [{ text: line, kind: 'comment' }], state };
    push(out, line.slice(0, end + state.closeWith.length), 'comment');
    i = end + state.closeWith.length;
  }
  while (i < line.length) {
    const rest = line.slice(i);
    if (rest.startsWith('<!--')) {
      const end = line.indexOf('-->', i + 4);
      if (end < 0) {
        push(out, rest, 'comment');
        return { runs: out, state: { closeWith: '-->', kind: 'comment' } };
      }
      push(out, line.slice(i, end + 3), 'comment');
      i = end + 3;
      continue;
    }
    const tag = TAG_OPEN.exec(rest);
    if (!tag) {
      const next = line.indexOf('<', i + 1);
      const end = next < 0 ? line.length : next;
      push(out, line.slice(i, end), 'code');
      i = end;
      continue;
    }
    push(out, `<${tag[1] ?? ''}`, 'code');
    push(out, tag[2]!, 'keyword');
    i += tag[0].length;
    // Attributes up to the tag's end on this line: names plain, quoted values as strings.
    while (i < line.length && line[i] !== '>') {
      const c = line[i]!;
      if (c === '"' || c === "'") {
        const end = line.indexOf(c, i + 1);
        const stop = end < 0 ? line.length : end + 1;
        push(out, line.slice(i, stop), 'string');
        i = stop;
        continue;
      }
      push(out, c, 'code');
      i++;
    }
    if (i < line.length) {
      push(out, '>', 'code');
      i++;
    }
  }
  return { runs: out, state: {} };
}

export function highlightMarkupLine(line: string, lang: string, state: HighlightState): { runs: Run[]; state: HighlightState } {
  if (lang === 'diff') return { runs: diffLine(line), state: {} };
  if (lang === 'yaml') return { runs: yamlLine(line), state: {} };
  return markupLine(line, state);
}
