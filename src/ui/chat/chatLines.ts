/**
 * Chat rows: each turn becomes a block of pre-wrapped rows (every row fits the pane's text width).
 * Finished turns are wrapped once per (turn id, rev, width) and cached; the streaming turn's answer is
 * wrapped incrementally. Blocks are built only when the viewport asks for them (see chatViewport.ts),
 * so the frame cost does not grow with the length of the history.
 */
import { sanitize, StreamSanitizer } from '../../core/sanitize.js';
import { displayWidth, IncrementalWrapper, truncateToWidth, wrapText } from '../../core/wrap.js';
import type { Turn } from '../../session/types.js';
import { MarkdownRenderer, markdownLines, type StyledLine, type StyledSpan } from '../markdown/markdownLines.js';
import { hasReasoning, thoughtSummary } from '../reasoning/reasoningStats.js';
import { evalRate, formatRate } from '../../core/verbose.js';
import type { ThemeToken } from '../../core/theme.js';

export interface ChatRow {
  /** Label column ("you", the model's short name, or spaces), already padded to the gutter width. */
  gutter: string;
  gutterToken?: ThemeToken;
  body: string;
  bodyToken?: ThemeToken;
  bold?: boolean;
  /** Inline Markdown styling of the body (its texts joined equal `body`). */
  spans?: StyledSpan[];
}

export type WrapFn = (text: string, width: number) => string[];

/** How finished turns show their reasoning: the selected turn is marked; open turns show it inline. */
export interface ChatDisplay {
  selectedTurnId?: number;
  reasoningOpen?: (turnId: number) => boolean;
}

const BLANK: ChatRow = { gutter: '', body: '' };
/**
 * Finished turns whose rows are kept (most recently shown first out last). More than one frame shows:
 * a block is at least 3 rows, so a 300-row pane shows at most 100 turns. A turn dropped from the cache
 * is wrapped again only if it is shown again, so the memory no longer grows with the history's length
 * while a frame's work stays independent of it.
 */
export const MAX_CACHED_TURNS = 128;

interface CachedRows {
  key: string;
  rows: ChatRow[];
}

/** Get with recency: a hit moves the entry to the newest end. */
function cachedRows(cache: Map<number, CachedRows>, id: number, key: string): ChatRow[] | undefined {
  const hit = cache.get(id);
  if (!hit || hit.key !== key) return undefined;
  cache.delete(id);
  cache.set(id, hit);
  return hit.rows;
}

/** Set, dropping the least recently shown entries past MAX_CACHED_TURNS. */
function cacheRows(cache: Map<number, CachedRows>, id: number, entry: CachedRows): void {
  cache.delete(id);
  cache.set(id, entry);
  while (cache.size > MAX_CACHED_TURNS) cache.delete(cache.keys().next().value!);
}
const MIN_GUTTER = 5;
const MAX_GUTTER = 12;

/** Short label for a model: `deepseek-r1:32b-qwen-distill-q8_0` → `r1`, `qwen3:8b` → `qwen3`. */
export function modelLabel(model: string): string {
  const base = model.split(':')[0]!.split('/').pop() ?? model;
  if (/^deepseek-r1/i.test(base)) return 'r1';
  return truncateToWidth(sanitize(base) || 'model', MAX_GUTTER - 2);
}

/** On the selected turn, code labels say which key copies them: `[2] python · Alt+2 copies`. */
function withCopyHints(lines: readonly StyledLine[], width: number): StyledLine[] {
  return lines.map((l) =>
    l.codeBlock !== undefined && l.codeBlock <= 9 ? { ...l, text: truncateToWidth(`${l.text} · Alt+${l.codeBlock} copies`, Math.max(1, width)) } : l,
  );
}

function gutterWidth(label: string): number {
  return Math.min(MAX_GUTTER, Math.max(MIN_GUTTER, displayWidth(label) + 2));
}

function pad(label: string, width: number): string {
  return label + ' '.repeat(Math.max(0, width - displayWidth(label)));
}

interface StreamingState {
  turnId: number;
  width: number;
  consumed: number;
  sanitizer: StreamSanitizer;
  /** Styles each completed line once; an open table is laid out again only when one of its lines ends. */
  md: MarkdownRenderer;
  /** Rows of the completed lines (grows as md.done grows). */
  doneRows: ChatRow[];
  /** Rows of the open table, rebuilt when a line ends (not per frame). */
  pendingRows: ChatRow[];
  /**
   * The block returned for each frame, reused: the head and done rows are appended once, and only the
   * rows after them (open table, open line) are replaced per frame, so a frame costs no copy of the answer.
   */
  frame: ChatRow[];
  frameHead: readonly ChatRow[] | undefined;
  /** How many done rows `frame` holds after the head. */
  framedDone: number;
  /** The open last line: its text and an incremental wrapper over it. */
  openLine: string;
  tail: IncrementalWrapper;
  /** Answer text other than newlines has arrived. */
  started: boolean;
}

export class ChatDocument {
  private width = 0;
  private readonly finished = new Map<number, CachedRows>();
  private readonly userRows = new Map<number, CachedRows>();
  private streaming: StreamingState | undefined;
  private display: ChatDisplay = {};
  /** Answers shown as raw text (no Markdown styling); toggled by a key. */
  raw = false;
  /** Number of full wrap calls made (tests use it to prove that the frame cost is bounded). */
  wrapCalls = 0;

  constructor(private readonly wrap: WrapFn = wrapText) {}

  /** Text width of the pane; a change drops the caches (blocks are re-wrapped lazily when shown). */
  setWidth(width: number): void {
    if (width === this.width) return;
    this.width = width;
    this.finished.clear();
    this.userRows.clear();
    this.streaming = undefined;
  }

  /** Selection and inline reasoning; only the blocks whose look changed are rebuilt (when shown). */
  setDisplay(display: ChatDisplay): void {
    this.display = display;
  }

  /** Raw text on/off; a change drops the caches (blocks are rebuilt lazily when shown). */
  setRaw(raw: boolean): void {
    if (raw === this.raw) return;
    this.raw = raw;
    this.finished.clear();
    this.streaming = undefined;
  }

  /** Turns whose finished rows and question rows are cached (tests check the bound). */
  get cachedTurns(): { finished: number; user: number } {
    return { finished: this.finished.size, user: this.userRows.size };
  }

  get textWidth(): number {
    return this.width;
  }

  private wrapped(text: string, width: number): string[] {
    this.wrapCalls++;
    return this.wrap(text, Math.max(1, width));
  }

  /**
   * Rows of turn `index`. `phaseText` (e.g. "thinking · 38 s") is shown in place of the answer while a
   * streaming turn has no answer yet.
   */
  block(turns: readonly Turn[], index: number, phaseText?: string): ChatRow[] {
    const turn = turns[index]!;
    if (turn.status !== 'streaming') {
      const selected = this.display.selectedTurnId === turn.id;
      const open = this.display.reasoningOpen?.(turn.id) ?? false;
      const key = `${turn.rev}:${this.width}:${index === 0 ? 1 : 0}:${turn.status}:${selected ? 1 : 0}:${open ? 1 : 0}`;
      const hit = cachedRows(this.finished, turn.id, key);
      if (hit) return hit;
      if (this.streaming?.turnId === turn.id) this.streaming = undefined;
      const rows = this.buildFinished(turn, index, selected, open);
      cacheRows(this.finished, turn.id, { key, rows });
      return rows;
    }
    return this.buildStreaming(turn, index, phaseText);
  }

  private head(turn: Turn, index: number): ChatRow[] {
    const label = modelLabel(turn.model);
    const gutter = gutterWidth(label);
    const key = `${this.width}:${index === 0 ? 1 : 0}`;
    const hit = cachedRows(this.userRows, turn.id, key);
    if (hit) return hit;
    const rows: ChatRow[] = index > 0 ? [BLANK] : [];
    this.wrapped(sanitize(turn.user), this.width - gutter).forEach((line, i) => {
      rows.push({ gutter: pad(i === 0 ? 'you' : '', gutter), gutterToken: 'user', body: line, bodyToken: 'text' });
    });
    rows.push(BLANK);
    cacheRows(this.userRows, turn.id, { key, rows });
    return rows;
  }

  private answerRows(lines: readonly string[], label: string, from = 0): ChatRow[] {
    const gutter = gutterWidth(label);
    const out: ChatRow[] = [];
    for (let i = from; i < lines.length; i++) {
      out.push({ gutter: pad(i === 0 ? label : '', gutter), gutterToken: 'assistant', body: lines[i]!, bodyToken: 'text' });
    }
    return out;
  }

  private styledRows(lines: readonly StyledLine[], label: string, labelFirstRow = true): ChatRow[] {
    const gutter = gutterWidth(label);
    return lines.map((line, i) => ({
      gutter: pad(i === 0 && labelFirstRow ? label : '', gutter),
      gutterToken: 'assistant',
      body: line.text,
      bodyToken: line.token ?? 'text',
      bold: line.bold,
      ...(line.spans ? { spans: line.spans } : {}),
    }));
  }

  private markRows(turn: Turn, label: string, answerEmpty: boolean): ChatRow[] {
    const gutter = gutterWidth(label);
    let mark: string | undefined;
    let token: ThemeToken = 'warn';
    if (turn.status === 'stopped') mark = turn.error ? `[stopped] ${sanitize(turn.error)}` : '[stopped]';
    else if (turn.status === 'error') {
      mark = `[error] ${sanitize(turn.error ?? 'the request failed')}`;
      token = 'error';
    } else if (answerEmpty) {
      mark = '(no answer text)';
      token = 'muted';
    }
    if (mark === undefined) return [];
    return this.wrapped(mark, this.width - gutter).map((line, i) => ({
      gutter: pad(i === 0 && answerEmpty ? label : '', gutter),
      gutterToken: 'assistant',
      body: line,
      bodyToken: token,
    }));
  }

  private buildFinished(turn: Turn, index: number, selected = false, open = false): ChatRow[] {
    const label = modelLabel(turn.model);
    const gutter = gutterWidth(label);
    const answer = sanitize(turn.answer).replace(/^\n+/, '').trimEnd();
    const rows = [...this.head(turn, index)];
    if (selected) {
      // The selected turn: its "you" row is marked (Alt+↑/↓ moves the mark, Esc clears it).
      const first = rows.findIndex((r) => r.gutterToken === 'user');
      if (first >= 0) rows[first] = { ...rows[first]!, gutter: pad('▶you', gutter), gutterToken: 'accent' };
    }
    const reasoning = hasReasoning(turn);
    if (reasoning) rows.push(...this.reasoningRows(turn, label, selected, open));
    if (answer !== '') {
      this.wrapCalls++;
      const styled = markdownLines(answer, Math.max(1, this.width - gutter), this.wrap, this.raw);
      rows.push(...this.styledRows(selected ? withCopyHints(styled, this.width - gutter) : styled, label, !reasoning));
    }
    rows.push(...this.markRows(turn, label, answer === '' && !reasoning));
    rows.push(...this.signatureRow(turn, label));
    return rows;
  }

  /** Which model answered (several may share one conversation), its quantization, exact eval rate and host. */
  private signatureRow(turn: Turn, label: string): ChatRow[] {
    if (turn.model === '') return [];
    const rate = turn.metrics ? evalRate(turn.metrics) : undefined;
    const parts = [sanitize(turn.model), turn.quantization, rate === undefined ? undefined : `${formatRate(rate)} tok/s`, turn.host ? `on ${sanitize(turn.host.name)}` : undefined];
    const text = `— ${parts.filter((p) => p !== undefined && p !== '').join(' · ')}`;
    return [{ gutter: pad('', gutterWidth(label)), body: truncateToWidth(text, Math.max(1, this.width - gutterWidth(label))), bodyToken: 'muted' }];
  }

  /** `▸ Thought 41 s · 1,830 tok · 44.6 tok/s` (muted), then the reasoning itself when open. */
  private reasoningRows(turn: Turn, label: string, selected: boolean, open: boolean): ChatRow[] {
    const gutter = gutterWidth(label);
    const bodyWidth = Math.max(1, this.width - gutter);
    const hint = selected ? ` · Ctrl+O ${open ? 'folds' : 'unfolds'}` : '';
    const rows: ChatRow[] = [
      {
        gutter: pad(label, gutter),
        gutterToken: 'assistant',
        body: truncateToWidth(`${open ? '▾' : '▸'} ${thoughtSummary(turn)}${hint}`, bodyWidth),
        bodyToken: selected ? 'accent' : 'muted',
      },
    ];
    if (open) {
      for (const line of this.wrapped(sanitize(turn.thinking).trim(), bodyWidth)) {
        rows.push({ gutter: pad('', gutter), body: line, bodyToken: 'muted' });
      }
      rows.push(BLANK);
    }
    return rows;
  }

  private buildStreaming(turn: Turn, index: number, phaseText?: string): ChatRow[] {
    const label = modelLabel(turn.model);
    const gutter = gutterWidth(label);
    const bodyWidth = Math.max(1, this.width - gutter);
    let s = this.streaming;
    if (!s || s.turnId !== turn.id || s.width !== bodyWidth || turn.answer.length < s.consumed) {
      s = {
        turnId: turn.id,
        width: bodyWidth,
        consumed: 0,
        sanitizer: new StreamSanitizer(),
        md: new MarkdownRenderer(bodyWidth, this.wrap, this.raw),
        doneRows: [],
        pendingRows: [],
        frame: [],
        frameHead: undefined,
        framedDone: 0,
        openLine: '',
        tail: new IncrementalWrapper(bodyWidth),
        started: false,
      };
      this.streaming = s;
    }
    if (turn.answer.length > s.consumed) {
      let added = s.sanitizer.push(turn.answer.slice(s.consumed));
      s.consumed = turn.answer.length;
      // Leading newlines before the first answer text would only push the label down.
      if (!s.started) added = added.replace(/^\n+/, '');
      if (added !== '') s.started = true;
      this.appendStreamed(s, added, label);
    }
    const head = this.head(turn, index);
    if (!s.started) {
      const rows = [...head];
      rows.push({
        gutter: pad(label, gutter),
        gutterToken: 'assistant',
        body: truncateToWidth(phaseText ?? '…', bodyWidth),
        bodyToken: 'muted',
      });
      return rows;
    }
    if (s.frameHead !== head) {
      s.frameHead = head;
      s.frame = [...head];
      s.framedDone = 0;
    }
    const rows = s.frame;
    rows.length = head.length + s.framedDone;
    for (; s.framedDone < s.doneRows.length; s.framedDone++) rows.push(s.doneRows[s.framedDone]!);
    rows.push(...s.pendingRows);
    // A table row still arriving (`| ...`) stays hidden until its line ends (then it joins the table).
    const hidden = !this.raw && !s.md.inCode && /^\s*\|/.test(s.openLine);
    if (s.openLine !== '' && !hidden) {
      const token: ThemeToken = s.md.inCode ? 'code' : 'text';
      s.tail.lines.forEach((line, i) => {
        const first = s.doneRows.length + s.pendingRows.length === 0 && i === 0;
        rows.push({ gutter: pad(first ? label : '', gutter), gutterToken: 'assistant', body: line, bodyToken: token });
      });
    }
    return rows;
  }

  /** Completed lines are styled once; the open line is wrapped incrementally. */
  private appendStreamed(s: StreamingState, text: string, label: string): void {
    const parts = text.split('\n');
    let ended = false;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      if (p > 0) {
        s.md.push(s.openLine);
        ended = true;
        s.openLine = '';
        s.tail = new IncrementalWrapper(s.width);
      }
      if (part !== '') {
        s.openLine += part;
        s.tail.append(part);
      }
    }
    if (!ended) return;
    const done = s.md.done;
    if (done.length > s.doneRows.length) {
      const first = s.doneRows.length === 0;
      s.doneRows.push(...this.styledRows(done.slice(s.doneRows.length), label, first));
    }
    s.pendingRows = this.styledRows(s.md.pending, label, s.doneRows.length === 0);
  }
}
