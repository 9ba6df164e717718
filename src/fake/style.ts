import type { FakeChunk, ThinkingStyle } from './types.js';

/** One object the server will stream (before the done object). */
export interface EmittedChunk {
  dtMs: number;
  content: string;
  thinking?: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Raw-content tag parser, like Ollama's thinking parser: removes `<think>` and the whitespace after
 * it, routes text up to `</think>` to thinking, removes the tag and the whitespace after it.
 * Output that does not start with `<think>` is all content.
 */
class TagParser {
  private state: 'start' | 'thinking-start' | 'thinking' | 'after-close' | 'answer' = 'start';

  push(text: string): { thinking: string; content: string } {
    let thinking = '';
    let content = '';
    let rest = text;
    while (rest.length > 0) {
      if (this.state === 'start') {
        const trimmed = rest.trimStart();
        if (trimmed === '') return { thinking, content }; // leading whitespace: held back (dropped)
        if (trimmed.startsWith(OPEN)) {
          this.state = 'thinking-start';
          rest = trimmed.slice(OPEN.length);
        } else {
          this.state = 'answer';
        }
      } else if (this.state === 'thinking-start' || this.state === 'after-close') {
        rest = rest.trimStart();
        if (rest === '') break;
        this.state = this.state === 'thinking-start' ? 'thinking' : 'answer';
      } else if (this.state === 'thinking') {
        const at = rest.indexOf(CLOSE);
        if (at < 0) {
          thinking += rest;
          break;
        }
        thinking += rest.slice(0, at);
        rest = rest.slice(at + CLOSE.length);
        this.state = 'after-close';
      } else {
        content += rest;
        break;
      }
    }
    return { thinking, content };
  }
}

/** Reasoning separated into the `thinking` field; raw tags in content are parsed out. */
function asField(chunks: FakeChunk[]): EmittedChunk[] {
  const out: EmittedChunk[] = [];
  const parser = new TagParser();
  let carried = 0; // time of hidden pieces moves onto the next sent chunk
  let afterThinking = false;
  for (const c of chunks) {
    if (c.thinking !== undefined && c.thinking !== '') afterThinking = true;
    else if (afterThinking && c.content !== '') {
      // the server swallows `</think>` and the newlines after it: the first answer piece comes late
      carried += 2 * c.dtMs;
      afterThinking = false;
    }
    if (c.thinking !== undefined) {
      out.push(c.thinking === '' ? { dtMs: c.dtMs + carried, content: c.content } : { dtMs: c.dtMs + carried, content: c.content, thinking: c.thinking });
      carried = 0;
      continue;
    }
    if (c.content === '') {
      out.push({ dtMs: c.dtMs + carried, content: '' });
      carried = 0;
      continue;
    }
    const { thinking, content } = parser.push(c.content);
    if (thinking === '' && content === '') {
      carried += c.dtMs;
      continue;
    }
    out.push(thinking === '' ? { dtMs: c.dtMs + carried, content } : { dtMs: c.dtMs + carried, content, thinking });
    carried = 0;
  }
  return out;
}

/** Reasoning inside content between literal tags, each tag its own chunk, as R1 streams it raw. */
function asTags(chunks: FakeChunk[], withOpenTag: boolean): EmittedChunk[] {
  const out: EmittedChunk[] = [];
  let inThinking = false;
  let sawText = false;
  let skipWhitespaceAfterOpen = false;
  for (const c of chunks) {
    const isThinking = c.thinking !== undefined && c.thinking !== '';
    if (isThinking) {
      if (!inThinking) {
        inThinking = true;
        if (withOpenTag) out.push({ dtMs: c.dtMs, content: OPEN }, { dtMs: c.dtMs, content: '\n' });
      }
      out.push({ dtMs: c.dtMs, content: c.thinking! + c.content });
      sawText = true;
      continue;
    }
    if (inThinking) {
      inThinking = false;
      out.push({ dtMs: c.dtMs, content: CLOSE }, { dtMs: c.dtMs, content: '\n\n' });
    }
    if (!withOpenTag && !sawText && c.content === OPEN) {
      skipWhitespaceAfterOpen = true;
      continue;
    }
    if (skipWhitespaceAfterOpen) {
      skipWhitespaceAfterOpen = false;
      if (c.content.trim() === '') continue;
    }
    if (c.content !== '') sawText = true;
    out.push({ dtMs: c.dtMs, content: c.content });
  }
  return out;
}

/** No reasoning at all (think:false or a model without the capability). */
function withoutReasoning(chunks: FakeChunk[]): EmittedChunk[] {
  const out: EmittedChunk[] = [];
  const parser = new TagParser();
  for (const c of chunks) {
    if (c.thinking !== undefined && c.thinking !== '') continue;
    if (c.content === '') continue;
    const { content } = parser.push(c.content);
    if (content !== '') out.push({ dtMs: c.dtMs, content });
  }
  return out;
}

export function applyThinkingStyle(chunks: FakeChunk[], style: ThinkingStyle): EmittedChunk[] {
  switch (style) {
    case 'field':
      return asField(chunks);
    case 'tags':
      return asTags(chunks, true);
    case 'tags-no-open':
      return asTags(chunks, false);
    case 'none':
      return withoutReasoning(chunks);
  }
}
