/**
 * Splits a streamed reply into reasoning ("thinking") and answer text.
 *
 * Handles both forms Ollama produces (test/fixtures/recordings has each):
 * - a separate `thinking` field (Ollama >= 0.9 with think on): appended to `thinking` as is;
 * - raw `<think>` … `</think>` inside `content` (older servers, think omitted, old pulls).
 *
 * Rules for `content`, mirroring Ollama's own thinking parser:
 * - Leading whitespace of the reply is dropped. If the first visible text is `<think>`, the tag and
 *   the whitespace after it are removed and what follows is thinking, up to `</think>`.
 * - `</think>` is removed, and so is the whitespace right after it: the answer never starts with "\n".
 * - A `</think>` that arrives with no opening tag (a template that prefilled `<think>`) moves all the
 *   answer text so far into `thinking`; that push reports `retagged: true`.
 * - Text that only looks like the start of a tag (`<thin` then `g>`) is held back until it is clear,
 *   then comes out as ordinary text. At most 8 characters are ever held back.
 * - After the reasoning has been closed, later tags are ordinary answer text.
 * - `expectThinking` (a model known to think whose reasoning the server does not split out, e.g. an
 *   old server with the R1 template, which prefills `<think>` so the output has no opening tag): a
 *   reply that does not open with `<think>` is reasoning until `</think>`. If it ends without
 *   `</think>`, it was the answer after all: end() moves it back and reports `unthought: true`.
 *   A `thinking` field seen before any content turns this off (the server splits).
 */

export interface SplitResult {
  /** Text appended to `thinking` by this call. When `retagged`, it starts with the moved answer text. */
  thinkingAdded: string;
  /** Text appended to `answer` by this call. */
  answerAdded: string;
  /** A `</think>` arrived with no opening tag: the answer so far moved to `thinking` and `answer` is ''. */
  retagged: boolean;
  /** end(): the untagged "reasoning" never closed, so it moved to `answer` and `thinking` is ''. */
  unthought?: boolean;
}

const OPEN_TAG = '<think>';
const CLOSE_TAG = '</think>';

type Mode =
  | 'start' // nothing visible yet: waiting to see whether the reply opens with <think>
  | 'thinking' // inside <think>
  | 'answer-untagged' // answer text with no tag seen yet: a </think> here means "retag"
  | 'thinking-untagged' // expectThinking: reasoning with no opening tag, until </think> (or the end)
  | 'answer'; // after </think> (or after a retag): everything is answer text

const LEADING_WHITESPACE = /^\s+/;

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  const max = Math.min(tag.length - 1, text.length);
  for (let n = max; n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

export class ThinkSplitter {
  thinking = '';
  answer = '';
  private mode: Mode = 'start';
  /** Held-back content: a possible partial tag (or leading whitespace in 'start'). */
  private pending = '';
  /** Drop whitespace before the next visible character (after <think> and after </think>). */
  private skipWhitespace = false;

  /** See the class comment; may be set until the first visible content arrives. */
  expectThinking = false;

  push(thinkingField: string, content: string): SplitResult {
    const result: SplitResult = { thinkingAdded: '', answerAdded: '', retagged: false };
    if (thinkingField) {
      this.expectThinking = false;
      this.thinking += thinkingField;
      result.thinkingAdded += thinkingField;
    }
    if (content) this.consume(this.pending + content, result, false);
    return result;
  }

  /**
   * Flushes held-back text at the end of the stream (a partial tag is ordinary text then). `complete`:
   * the reply ended normally (a stopped or failed one keeps unclosed untagged reasoning as reasoning).
   */
  end(complete = true): SplitResult {
    const result: SplitResult = { thinkingAdded: '', answerAdded: '', retagged: false };
    if (this.pending) this.consume(this.pending, result, true);
    this.pending = '';
    if (this.mode === 'thinking-untagged' && complete) {
      this.answer = this.thinking + this.answer;
      this.thinking = '';
      this.mode = 'answer';
      result.unthought = true;
    }
    return result;
  }

  private consume(text: string, result: SplitResult, final: boolean): void {
    this.pending = '';
    while (text.length > 0) {
      if (this.skipWhitespace || this.mode === 'start') {
        text = text.replace(LEADING_WHITESPACE, '');
        if (text.length === 0) return;
        this.skipWhitespace = false;
      }
      switch (this.mode) {
        case 'start': {
          if (text.startsWith(OPEN_TAG)) {
            this.mode = 'thinking';
            this.skipWhitespace = true;
            text = text.slice(OPEN_TAG.length);
          } else if (!final && OPEN_TAG.startsWith(text)) {
            this.pending = text;
            return;
          } else {
            this.mode = this.expectThinking ? 'thinking-untagged' : 'answer-untagged';
          }
          break;
        }
        case 'thinking-untagged':
        case 'thinking': {
          const close = text.indexOf(CLOSE_TAG);
          if (close >= 0) {
            this.addThinking(text.slice(0, close), result);
            this.mode = 'answer';
            this.skipWhitespace = true;
            text = text.slice(close + CLOSE_TAG.length);
          } else {
            const hold = final ? 0 : partialTagSuffix(text, CLOSE_TAG);
            this.addThinking(text.slice(0, text.length - hold), result);
            this.pending = text.slice(text.length - hold);
            return;
          }
          break;
        }
        case 'answer-untagged': {
          const close = text.indexOf(CLOSE_TAG);
          if (close >= 0) {
            const moved = this.answer + text.slice(0, close);
            this.thinking += moved;
            result.thinkingAdded += moved;
            result.answerAdded = '';
            result.retagged = true;
            this.answer = '';
            this.mode = 'answer';
            this.skipWhitespace = true;
            text = text.slice(close + CLOSE_TAG.length);
          } else {
            const hold = final ? 0 : partialTagSuffix(text, CLOSE_TAG);
            this.addAnswer(text.slice(0, text.length - hold), result);
            this.pending = text.slice(text.length - hold);
            return;
          }
          break;
        }
        case 'answer':
          this.addAnswer(text, result);
          return;
      }
    }
  }

  private addThinking(text: string, result: SplitResult): void {
    this.thinking += text;
    result.thinkingAdded += text;
  }

  private addAnswer(text: string, result: SplitResult): void {
    this.answer += text;
    result.answerAdded += text;
  }
}
