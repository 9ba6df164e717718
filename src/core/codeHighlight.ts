/**
 * Keyword highlighting for fenced code, one line at a time (state carries block comments and Python
 * triple-quoted strings across lines). A small tokenizer for ts/js, python, bash, json, go, rust, c/cpp,
 * java and sql; yaml, html/xml and diff have their own line rules (codeHighlightMarkup.ts). Other
 * languages come back as one `code` run. Pure.
 */
import { highlightMarkupLine, MARKUP_LANGS, type HighlightState } from './codeHighlightMarkup.js';
import type { Run } from './markdownInline.js';

export type { HighlightState };

interface LangSpec {
  keywords: ReadonlySet<string>;
  lineComment?: string;
  block?: [string, string];
  quotes: string;
  triple?: boolean;
  /** Keywords match in any case (SQL). */
  anyCase?: boolean;
  /** A line starting with this (after spaces) is one keyword run up to the first space (C's #include). */
  directive?: string;
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
const C_KEYWORDS =
  'auto bool break case char const continue default do double else enum extern false float for goto if inline int long NULL nullptr register return short signed sizeof static struct switch true typedef union unsigned void volatile while';
const LANGS: Record<string, LangSpec> = {
  js: JS,
  c: { keywords: words(C_KEYWORDS), lineComment: '//', block: ['/*', '*/'], quotes: `"'`, directive: '#' },
  cpp: {
    keywords: words(
      `${C_KEYWORDS} auto catch class constexpr delete explicit friend mutable namespace new noexcept operator override private protected public std template this throw try typename using virtual`,
    ),
    lineComment: '//',
    block: ['/*', '*/'],
    quotes: `"'`,
    directive: '#',
  },
  java: {
    keywords: words(
      'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for if implements import instanceof int interface long native new null package private protected public record return short static super switch synchronized this throw throws transient true false try var void volatile while',
    ),
    lineComment: '//',
    block: ['/*', '*/'],
    quotes: `"'`,
  },
  sql: {
    keywords: words(
      'add all alter and as asc begin between by case check column commit constraint create cross default delete desc distinct drop else end exists foreign from full group having if in index inner insert into is join key left like limit not null offset on or order outer primary references returning right rollback select set table then union unique update values view when where with',
    ),
    lineComment: '--',
    block: ['/*', '*/'],
    quotes: `'"`,
    anyCase: true,
  },
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
  h: 'c', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', kotlin: 'java',
  postgres: 'sql', postgresql: 'sql', mysql: 'sql', sqlite: 'sql', plsql: 'sql',
  yml: 'yaml', htm: 'html', xhtml: 'html', svg: 'xml', vue: 'html', patch: 'diff',
};

/** The language a fence info string names ("ts", "Python {.x}") or undefined when not highlighted. */
export function codeLanguage(info: string): string | undefined {
  const name = info.trim().split(/[\s{]/)[0]!.toLowerCase();
  const key = ALIASES[name] ?? name;
  return LANGS[key] || MARKUP_LANGS.has(key) ? key : undefined;
}

function push(out: Run[], text: string, kind: Run['kind']): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

export function highlightLine(line: string, lang: string | undefined, state: HighlightState = {}): { runs: Run[]; state: HighlightState } {
  if (lang && MARKUP_LANGS.has(lang)) return highlightMarkupLine(line, lang, state);
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
  if (spec.directive && i === 0 && line.trimStart().startsWith(spec.directive)) {
    const lead = line.length - line.trimStart().length;
    const end = line.indexOf(' ', lead);
    push(out, line.slice(0, end < 0 ? line.length : end), 'keyword');
    i = end < 0 ? line.length : end;
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
      const isKeyword = spec.keywords.has(spec.anyCase ? word[0].toLowerCase() : word[0]);
      push(out, word[0], isKeyword ? 'keyword' : 'code');
      i += word[0].length;
      continue;
    }
    push(out, c, 'code');
    i++;
  }
  return { runs: out, state: {} };
}
