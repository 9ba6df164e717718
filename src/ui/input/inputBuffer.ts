/**
 * The input box's text buffer as a pure reducer. `caret` is a UTF-16 index that always sits on a grapheme
 * boundary. Every operation is O(size of the edit) apart from the string splice itself, so a pasted
 * 10,000-line block costs one splice.
 */

export interface InputBuffer {
  text: string;
  caret: number;
}

export type InputEdit =
  | { type: 'insert'; text: string }
  | { type: 'newline' }
  | { type: 'deleteLeft' }
  | { type: 'deleteRight' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'deleteWordLeft' }
  | { type: 'set'; text: string }
  | { type: 'clear' };

export const emptyInput: InputBuffer = { text: '', caret: 0 };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Longest grapheme we look back/ahead for (ZWJ emoji families are ~11 code units). */
const GRAPHEME_WINDOW = 32;

// Escape sequences (CSI, OSC/DCS/APC/PM/SOS strings, two-char ESC x) and C0/C1 controls except \n.
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[\]PX^_][\s\S]*?(?:\u0007|\u001B\\|$)|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Make typed or pasted text safe for the buffer: CRLF and CR become LF, tabs become four spaces, escape
 * sequences and other control characters are dropped.
 */
export function cleanInputText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '');
}

export function previousBoundary(text: string, caret: number): number {
  if (caret <= 0) return 0;
  const from = Math.max(0, caret - GRAPHEME_WINDOW);
  let last = from;
  for (const { index } of segmenter.segment(text.slice(from, caret))) last = from + index;
  return last;
}

export function nextBoundary(text: string, caret: number): number {
  if (caret >= text.length) return text.length;
  const chunk = text.slice(caret, caret + GRAPHEME_WINDOW);
  for (const { segment } of segmenter.segment(chunk)) return caret + segment.length;
  return text.length;
}

export function reduceInput(buffer: InputBuffer, edit: InputEdit): InputBuffer {
  const { text, caret } = buffer;
  switch (edit.type) {
    case 'insert': {
      const clean = cleanInputText(edit.text);
      if (clean === '') return buffer;
      return { text: text.slice(0, caret) + clean + text.slice(caret), caret: caret + clean.length };
    }
    case 'newline':
      return { text: `${text.slice(0, caret)}\n${text.slice(caret)}`, caret: caret + 1 };
    case 'deleteLeft': {
      if (caret === 0) return buffer;
      const to = previousBoundary(text, caret);
      return { text: text.slice(0, to) + text.slice(caret), caret: to };
    }
    case 'deleteRight': {
      if (caret >= text.length) return buffer;
      const to = nextBoundary(text, caret);
      return { text: text.slice(0, caret) + text.slice(to), caret };
    }
    case 'left':
      return { text, caret: previousBoundary(text, caret) };
    case 'right':
      return { text, caret: nextBoundary(text, caret) };
    case 'up':
    case 'down':
      return { text, caret: verticalMove(text, caret, edit.type === 'up' ? -1 : 1) };
    case 'home':
      return { text, caret: caret === 0 ? 0 : text.lastIndexOf('\n', caret - 1) + 1 };
    case 'end': {
      const nl = text.indexOf('\n', caret);
      return { text, caret: nl === -1 ? text.length : nl };
    }
    case 'wordLeft':
      return { text, caret: wordLeft(text, caret) };
    case 'wordRight':
      return { text, caret: wordRight(text, caret) };
    case 'deleteWordLeft': {
      const to = wordLeft(text, caret);
      return { text: text.slice(0, to) + text.slice(caret), caret: to };
    }
    case 'set': {
      const clean = cleanInputText(edit.text);
      return { text: clean, caret: clean.length };
    }
    case 'clear':
      return emptyInput;
  }
}

// A word is a run of letters, digits or underscore; a CJK character counts as a word of its own.
const WORD = /[\p{L}\p{N}_]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Caret at the start of the word before `caret` (Ctrl+←, Alt+b). */
export function wordLeft(text: string, caret: number): number {
  let i = caret;
  while (i > 0 && !WORD.test(text[i - 1]!)) i--;
  if (i > 0 && CJK.test(text[i - 1]!)) return i - 1;
  while (i > 0 && WORD.test(text[i - 1]!) && !CJK.test(text[i - 1]!)) i--;
  return i;
}

/** Caret after the end of the word at or after `caret` (Ctrl+→, Alt+f). */
export function wordRight(text: string, caret: number): number {
  let i = caret;
  while (i < text.length && !WORD.test(text[i]!)) i++;
  if (i < text.length && CJK.test(text[i]!)) return i + 1;
  while (i < text.length && WORD.test(text[i]!) && !CJK.test(text[i]!)) i++;
  return i;
}

/** The caret is on the buffer's first logical line (↑ then recalls history). */
export function caretOnFirstLine(buffer: InputBuffer): boolean {
  return buffer.text.lastIndexOf('\n', buffer.caret - 1) === -1;
}

/** The caret is on the buffer's last logical line (↓ then moves forward in history). */
export function caretOnLastLine(buffer: InputBuffer): boolean {
  return buffer.text.indexOf('\n', buffer.caret) === -1;
}

/** Caret on the previous/next logical line at the same offset (clamped to that line's end). */
function verticalMove(text: string, caret: number, direction: -1 | 1): number {
  const lineStart = caret === 0 ? 0 : text.lastIndexOf('\n', caret - 1) + 1;
  const column = caret - lineStart;
  let targetStart: number;
  if (direction < 0) {
    if (lineStart === 0) return 0;
    targetStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  } else {
    const nl = text.indexOf('\n', caret);
    if (nl === -1) return text.length;
    targetStart = nl + 1;
  }
  const targetEndNl = text.indexOf('\n', targetStart);
  const targetEnd = targetEndNl === -1 ? text.length : targetEndNl;
  const wanted = Math.min(targetStart + column, targetEnd);
  // Stay on a grapheme boundary.
  return wanted === targetEnd ? wanted : previousBoundary(text, nextBoundary(text, wanted));
}

/** The text to send, or undefined when there is nothing but whitespace. */
export function textToSend(buffer: InputBuffer): string | undefined {
  const trimmed = buffer.text.trim();
  return trimmed === '' ? undefined : trimmed;
}
