/**
 * Keyword highlighting for fenced code, one line at a time (state carries block comments and Python
 * triple-quoted strings across lines). A small tokenizer for ts/js, python, bash, json, go and rust;
 * other languages come back as one `code` run. Pure.
 */
import type { Run } from './markdownInline.js';

interface LangSpec {
  keywords: ReadonlySet<string>;
  lineComment?: string;
  block?: [string, string];
  quotes: string;
  triple?: boolean;
}

const words = (s: string) => new Set(s.split(' '));

const JS: LangSpec = {
  keywords: words(
    'async await break case catch class const continue default delete do else enum export extends false finally for from function if import in instanceof interface let new null of return static super switch this throw true try type typeof undefined var void while yield',
  ),
  lineComment: '//',
  block: ['/*', '*/'],
  quotes: `"'\``,
};
const LANGS: Record<string, LangSpec> = {
  js: JS,
  python: {
    keywords: words(
      'and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return self True try while with yield',
    ),
    lineComment: '#',
    quotes: `"'`,
    triple: true,
  },
  bash: {
    keywords: words('case do done echo elif else esac exit export fi for function if in local read return set then until while'),
    lineComment: '#',
    quotes: `"'`,
  },
  json: { keywords: words('true false null'), quotes: '"' },
  go: {
    keywords: words(
      'break case chan const continue default defer else fallthrough false for func go goto if import interface map nil package range return select struct switch true type var',
    ),
    lineComment: '//',
    block: ['/*', '*/'],
    quotes: '"`',
  },
  rust: {
    keywords: words(
      'as async await break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while',
    ),
    lineComment: '//',
    block: ['/*', '*/'],
    quotes: '"',
  },
};
const ALIASES: Record<string, string> = {
  ts: 'js', typescript: 'js', javascript: 'js', tsx: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  py: 'python', python3: 'python', sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash',
  golang: 'go', rs: 'rust', jsonc: 'json',
};

/** The language a fence info string names ("ts", "Python {.x}") or undefined when not highlighted. */
export function codeLanguage(info: string): string | undefined {
  const name = info.trim().split(/[\s{]/)[0]!.toLowerCase();
  const key = ALIASES[name] ?? name;
  return LANGS[key] ? key : undefined;
}

/** Open construct carried to the next line: the text that closes it. */
export interface HighlightState {
  closeWith?: string;
  kind?: 'comment' | 'string';
}

function push(out: Run[], text: string, kind: Run['kind']): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

export function highlightLine(line: string, lang: string | undefined, state: HighlightState = {}): { runs: Run[]; state: HighlightState } {
  const spec = lang ? LANGS[lang] : undefined;
  if (!spec) return { runs: line === '' ? [] : [{ text: line, kind: 'code' }], state: {} };
  const out: Run[] = [];
  let i = 0;
  if (state.closeWith) {
    const end = line.indexOf(state.closeWith);
    if (end < 0) return { runs: line === '' ? [] : [{ text: line, kind: state.kind }], state };
    push(out, line.slice(0, end + state.closeWith.length), state.kind);
    i = end + state.closeWith.length;
  }
  while (i < line.length) {
    const rest = line.slice(i);
    const c = line[i]!;
    if (spec.lineComment && rest.startsWith(spec.lineComment) && (spec.lineComment !== '#' || i === 0 || /\s/.test(line[i - 1]!))) {
      push(out, rest, 'comment');
      break;
    }
    if (spec.block && rest.startsWith(spec.block[0])) {
      const end = line.indexOf(spec.block[1], i + spec.block[0].length);
      if (end < 0) {
        push(out, rest, 'comment');
        return { runs: out, state: { closeWith: spec.block[1], kind: 'comment' } };
      }
      push(out, line.slice(i, end + spec.block[1].length), 'comment');
      i = end + spec.block[1].length;
      continue;
    }
    if (spec.triple && (rest.startsWith('"""') || rest.startsWith("'''"))) {
      const q = rest.slice(0, 3);
      const end = line.indexOf(q, i + 3);
      if (end < 0) {
        push(out, rest, 'string');
        return { runs: out, state: { closeWith: q, kind: 'string' } };
      }
      push(out, line.slice(i, end + 3), 'string');
      i = end + 3;
      continue;
    }
    if (spec.quotes.includes(c)) {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
      const str = line.slice(i, Math.min(line.length, j + 1));
      const isKey = lang === 'json' && /^\s*:/.test(line.slice(j + 1));
      push(out, str, isKey ? 'keyword' : 'string');
      i = j + 1;
      continue;
    }
    const num = /^(0x[0-9a-fA-F_]+|\d[\d_]*(\.\d+)?([eE][+-]?\d+)?)/.exec(rest);
    if (num && (i === 0 || !/[\w$]/.test(line[i - 1]!))) {
      push(out, num[0], 'number');
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (word) {
      push(out, word[0], spec.keywords.has(word[0]) ? 'keyword' : 'code');
      i += word[0].length;
      continue;
    }
    push(out, c, 'code');
    i++;
  }
  return { runs: out, state: {} };
}
