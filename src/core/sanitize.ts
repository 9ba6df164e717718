/**
 * Removes terminal escape and control sequences from untrusted model text.
 *
 * One state machine serves both the one-shot `sanitize()` and the streaming `StreamSanitizer`, so
 * `sanitize(a + b) === s.push(a) + s.push(b) + s.end()` for every split. The machine never buffers
 * text: bytes inside an escape sequence are dropped as they arrive, so "holding back an incomplete
 * sequence" costs only a few state variables. A string sequence (OSC/DCS/SOS/PM/APC) or CSI that runs
 * past MAX_SEQUENCE_LENGTH code units without a terminator is abandoned: what was consumed is dropped
 * and the text after it is shown again, so an unterminated OSC cannot swallow the rest of a reply.
 *
 * Kept: printable Unicode (CJK, emoji, ZWJ sequences, combining marks), `\n` and `\t`.
 * Removed: CSI (`ESC [` and U+009B, any parameters incl. private ones, up to the final byte), OSC
 * (`ESC ]` and U+009D, terminated by BEL, `ESC \` or U+009C: OSC 52 clipboard, OSC 0/2 titles, OSC 8
 * links), DCS/SOS/PM/APC (`ESC P`, `ESC X`, `ESC ^`, `ESC _` and U+0090/98/9E/9F) with their payloads,
 * two-byte and intermediate ESC sequences (`ESC c`, `ESC ( B`, `ESC 7`), a lone ESC, every other C0
 * control, DEL, every other C1 control, `\r` (so `\r\n` becomes `\n`), and the bidi controls
 * U+202A–U+202E and U+2066–U+2069.
 */

/** A sequence longer than this (in UTF-16 code units) is abandoned; see the module comment. */
export const MAX_SEQUENCE_LENGTH = 4096;

const enum State {
  Text,
  Escape, // after ESC
  EscapeIntermediate, // after ESC + 0x20–0x2F
  Csi, // inside CSI parameters/intermediates
  SequenceString, // inside OSC/DCS/SOS/PM/APC payload
  SequenceStringEscape, // ESC seen inside a string: `\` ends it, anything else starts a new escape
}

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;

function isBidiControl(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** Code units that may appear in the output as they are. */
function isPassThrough(c: number): boolean {
  if (c === 0x0a || c === 0x09) return true;
  if (c < 0x20 || c === 0x7f) return false;
  if (c >= 0x80 && c <= 0x9f) return false;
  return !isBidiControl(c);
}

export class StreamSanitizer {
  private state: State = State.Text;
  private sequenceLength = 0;

  /** Sanitizes the next chunk. Never returns text that a later chunk could still turn into a sequence. */
  push(chunk: string): string {
    let out = '';
    let runStart = -1; // start of a run of pass-through code units, copied with one slice
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === State.Text && isPassThrough(c)) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0) {
        out += chunk.slice(runStart, i);
        runStart = -1;
      }
      if (this.step(c)) {
        // The sequence was abandoned on this code unit; it is ordinary text again.
        if (isPassThrough(c)) runStart = i;
        else this.step(c);
      }
    }
    if (runStart >= 0) out += chunk.slice(runStart);
    return out;
  }

  /** Ends the stream. An unterminated sequence at the end is dropped, so this returns ''. */
  end(): string {
    this.state = State.Text;
    this.sequenceLength = 0;
    return '';
  }

  private enter(state: State): void {
    this.state = state;
    this.sequenceLength = 0;
  }

  /**
   * Consumes one code unit that is not plain text. Returns true when the current sequence was
   * abandoned and `c` must be processed again as text.
   */
  private step(c: number): boolean {
    switch (this.state) {
      case State.Text:
        if (c === ESC) this.enter(State.Escape);
        else if (c === 0x9b) this.enter(State.Csi);
        else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) this.enter(State.SequenceString);
        // every other control is simply dropped
        return false;
      case State.Escape:
        if (c === 0x5b) this.enter(State.Csi); // [
        else if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) this.enter(State.SequenceString); // ] P X ^ _
        else if (c >= 0x20 && c <= 0x2f) this.enter(State.EscapeIntermediate);
        else if (c >= 0x30 && c <= 0x7e) this.enter(State.Text); // two-byte sequence, e.g. ESC c, ESC 7
        else if (c === ESC) this.enter(State.Escape);
        else {
          this.enter(State.Text); // lone ESC before something else: drop the ESC only
          return true;
        }
        return false;
      case State.EscapeIntermediate:
        if (c >= 0x20 && c <= 0x2f) return this.grow();
        if (c >= 0x30 && c <= 0x7e) {
          this.enter(State.Text);
          return false;
        }
        return this.abandon(c);
      case State.Csi:
        if (c >= 0x20 && c <= 0x3f) return this.grow(); // parameters (incl. private ? < = >) and intermediates
        if (c >= 0x40 && c <= 0x7e) {
          this.enter(State.Text); // final byte
          return false;
        }
        return this.abandon(c);
      case State.SequenceString:
        if (c === BEL || c === 0x9c) this.enter(State.Text);
        else if (c === ESC) this.enter(State.SequenceStringEscape);
        else if (c === CAN || c === SUB) this.enter(State.Text);
        else return this.grow();
        return false;
      case State.SequenceStringEscape:
        if (c === 0x5c) {
          this.enter(State.Text); // ESC \ = string terminator
          return false;
        }
        // ESC inside a string ends it and starts a new escape sequence.
        this.enter(State.Escape);
        return this.step(c);
    }
  }

  /** Counts one more code unit of the current sequence; abandons it when it grows too long. */
  private grow(): boolean {
    this.sequenceLength++;
    if (this.sequenceLength > MAX_SEQUENCE_LENGTH) {
      this.enter(State.Text);
      return true;
    }
    return false;
  }

  /** A code unit that cannot continue the sequence: drop the sequence, re-read the unit as text. */
  private abandon(c: number): boolean {
    this.enter(State.Text);
    if (c === ESC) {
      this.enter(State.Escape);
      return false;
    }
    if (c === CAN || c === SUB) return false;
    return true;
  }
}

/** Removes every escape/control sequence from a complete string (see the module comment). */
export function sanitize(text: string): string {
  const s = new StreamSanitizer();
  return s.push(text) + s.end();
}

/**
 * A user- or server-given value quoted in a one-line error message: every C0/C1 control character
 * (escape sequences included) becomes "?", cut to 80 characters. Used by every argument parser.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 80);
}

/**
 * One-line server text (model names, quantization, status, error sentences): `sanitize()`, then tabs
 * and line breaks become single spaces, so a name cannot break a row or a closing line in two.
 */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\n\t]+/g, ' ');
}

/** True when `text` holds nothing `sanitize()` would remove (tests and assertions use it). */
export function isClean(text: string): boolean {
  return sanitize(text) === text;
}

/**
 * A deep copy of a JSON-like value (what a server sent) with every string sanitized, object keys too.
 * Multi-line fields (`multiLine` names, e.g. an answer or a template) keep `\n` and `\t`; every other
 * string is one line (sanitizeLine). Own enumerable keys only, copied with defineProperty so a
 * `"__proto__"` key from the wire stays a plain key and never changes a prototype.
 */
export function sanitizeDeep<T>(value: T, multiLine: ReadonlySet<string> = new Set(), key = ''): T {
  if (typeof value === 'string') return (multiLine.has(key) ? sanitize(value) : sanitizeLine(value)) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeDeep(v, multiLine, key)) as T;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const cleanKey = sanitizeLine(k);
    Object.defineProperty(out, cleanKey, { value: sanitizeDeep(v, multiLine, cleanKey), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
