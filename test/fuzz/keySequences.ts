/**
 * Seeded generator of hostile keyboard input for the key fuzz tests: random keystrokes and pastes with
 * partial or garbled CSI, SS3, OSC, DCS and APC sequences, bracketed-paste markers, kitty and mouse
 * reports, UTF-8 text and broken surrogates, C0/C1 controls and Alt-prefixed keys.
 *
 * `draftSafe` removes what legitimately consumes or sends a draft (Enter, Backspace, Delete, Ctrl+U/W/C/D/Z,
 * Ctrl+Enter forms), so a test can demand that the draft typed before the fuzz is still in the buffer.
 */

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const ESC = '\u001B';
const TEXTS = ['hello', 'ß', 'é', 'é', '中文', '日本語のテキスト', '🙂', '👨‍👩‍👧', '🇨🇳', 'a\tb', '  ', 'x'.repeat(200), 'نص', 'line one\nline two'];
const KEYS = [
  `${ESC}[A`, `${ESC}[B`, `${ESC}[C`, `${ESC}[D`, `${ESC}[H`, `${ESC}[F`, `${ESC}[5~`, `${ESC}[6~`, `${ESC}[Z`, '\t',
  `${ESC}OP`, `${ESC}OQ`, `${ESC}OR`, `${ESC}OS`, `${ESC}[15~`, `${ESC}[17~`, `${ESC}[18~`, `${ESC}[19~`, `${ESC}[20~`,
  `${ESC}[1;5P`, `${ESC}[1;2Q`, `${ESC}[1;3R`, `${ESC}[1;6S`, `${ESC}[15;5~`, `${ESC}[24;8~`, `${ESC}[1;5A`, `${ESC}[1;3B`,
  `${ESC}${ESC}[A`, `${ESC}[[A`, `${ESC}[[5~`, `${ESC}Oa`, `${ESC}[a`, `${ESC}[2~`, `${ESC}[2^`, '\u0010', '\u0014', '\u000F',
  '\u0007', '\u0012', '\u0007', '\u0002', '\u0006', '\u000E', '\u0019', '\n',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: () => number, max: number): number {
  return Math.floor(random() * max);
}

function params(random: () => number): string {
  const chars = '0123456789;:?<>=';
  let out = '';
  const n = int(random, 8);
  for (let i = 0; i < n; i++) out += pick(random, [...chars]);
  return out;
}

function csi(random: () => number): string {
  const inter = random() < 0.15 ? pick(random, [' ', '!', '"', '$', "'"]) : '';
  const final = random() < 0.15 ? '' : String.fromCharCode(0x40 + int(random, 0x3f));
  return `${ESC}[${params(random)}${inter}${final}`;
}

function stringSequence(random: () => number, intro: string): string {
  const end = pick(random, ['\u0007', `${ESC}\\`, '', '\u009C']);
  return `${ESC}${intro}${params(random)}${pick(random, TEXTS)}${end}`;
}

/** One random input event (or a few run together, as one read over a slow link). */
export function randomSequence(random: () => number): string {
  const kind = int(random, 16);
  switch (kind) {
    case 0:
    case 1:
      return pick(random, TEXTS);
    case 2:
      return pick(random, KEYS);
    case 3:
      return csi(random);
    case 4:
      return `${ESC}O${random() < 0.2 ? '' : String.fromCharCode(0x20 + int(random, 0x5f))}`;
    case 5:
      return stringSequence(random, ']');
    case 6:
      return stringSequence(random, pick(random, ['P', '_', '^', 'X']));
    case 7: {
      const body = pick(random, TEXTS) + (random() < 0.3 ? csi(random) : '');
      const r = random();
      return r < 0.6 ? `${ESC}[200~${body}${ESC}[201~` : r < 0.8 ? `${ESC}[200~${body}` : `${body}${ESC}[201~`;
    }
    case 8:
      return `${ESC}${String.fromCharCode(0x20 + int(random, 0x5f))}`;
    case 9:
      return String.fromCharCode(int(random, 0x20));
    case 10:
      return String.fromCharCode(0x80 + int(random, 0x20));
    case 11:
      return pick(random, ['\ud83d', '\ude42', '\ufffd', '\u200b', '\u202e', '\u0301', '\uffff', '\u2028']);
    case 12:
      return `${ESC}[${int(random, 130000)};${int(random, 20)}${random() < 0.5 ? `:${int(random, 4)}` : ''}u`;
    case 13:
      return `${ESC}[<${int(random, 70)};${int(random, 300)};${int(random, 100)}${random() < 0.5 ? 'M' : 'm'}`;
    case 14:
      return ESC.repeat(1 + int(random, 3));
    default: {
      let out = '';
      const n = 2 + int(random, 4);
      for (let i = 0; i < n; i++) out += randomSequence(random);
      return out;
    }
  }
}

/** Remove what may legitimately consume or send the draft (see the module comment). */
export function draftSafe(sequence: string): string {
  return sequence
    .replace(/\u001B\[3(?:;[0-9:]*)?[~^$]/g, '') // Delete (deleteRight)
    .replace(/\u001B\[(?:13|27;\d+;13)[;:~u0-9]*/g, '') // Ctrl/Shift+Enter reports
    .replace(/[\r\u007F\b\u0015\u0017\u0003\u0004\u001A]/g, 'x');
}

/** Whether `needle`'s characters appear in `text` in order (junk may be typed between them). */
export function containsInOrder(text: string, needle: string): boolean {
  let at = 0;
  for (const c of text) if (at < needle.length && c === needle[at]) at++;
  return at === needle.length;
}
