import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../../src/core/wrap.js';
import { ChatDocument, MAX_CACHED_TURNS, modelLabel } from '../../../src/ui/chat/chatLines.js';
import { ChatScroller } from '../../../src/ui/chat/chatViewport.js';
import { longHistory, makeTurn } from '../turns.js';

const rowText = (r: { gutter: string; body: string }) => r.gutter + r.body;

describe('ChatDocument', () => {
  it('labels turns and indents continuation rows beside the label', () => {
    const doc = new ChatDocument();
    doc.setWidth(20);
    const rows = doc.block([makeTurn(1, { user: 'hello there', answer: 'one two three four five six seven' })], 0);
    const text = rows.map(rowText);
    expect(text[0]).toBe('you  hello there');
    expect(text[1]).toBe('');
    expect(text[2]!.startsWith('r1   one two')).toBe(true);
    expect(text[3]!.startsWith('     ')).toBe(true);
    for (const r of rows) expect(displayWidth(rowText(r))).toBeLessThanOrEqual(20);
  });

  it('sanitizes model text and wraps CJK by display width', () => {
    const doc = new ChatDocument();
    doc.setWidth(15);
    const rows = doc.block([makeTurn(1, { answer: '\u001b[2J\u001b]52;c;aGk=\u0007中文中文中文中文中文' })], 0);
    for (const r of rows) {
      expect(rowText(r)).not.toContain('\u001b');
      expect(displayWidth(rowText(r))).toBeLessThanOrEqual(15);
    }
    expect(rows.map((r) => r.body).join('')).toContain('中文中文中文中文中文');
  });

  it('marks stopped and failed turns', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = [
      makeTurn(1, { status: 'stopped', answer: 'partial' }),
      makeTurn(2, { status: 'error', answer: '', error: 'Ollama closed the connection.' }),
    ];
    expect(doc.block(turns, 0).map(rowText)).toContain('     [stopped]');
    expect(doc.block(turns, 1).map(rowText)).toContain('r1   [error] Ollama closed the connection.');
  });

  it('shows the phase text while a streaming turn has no answer, then the streamed answer', () => {
    const doc = new ChatDocument();
    doc.setWidth(30);
    const turn = makeTurn(1, { status: 'streaming', answer: '' });
    expect(doc.block([turn], 0, 'thinking · 38 s').map(rowText)).toContain('r1   thinking · 38 s');
    turn.answer = '\n\nHello ';
    turn.rev++;
    turn.answer += 'world, this is a streamed answer that wraps';
    const rows = doc.block([turn], 0, 'thinking · 39 s').map(rowText);
    expect(rows).not.toContain('r1   thinking · 39 s');
    expect(rows[2]).toBe('r1   Hello world, this is a');
    // Incremental result equals a full wrap.
    const full = wrapText('Hello world, this is a streamed answer that wraps', 25);
    expect(rows.slice(2).map((r) => r.slice(5))).toEqual(full);
  });

  it('styles a streaming answer line by line exactly as the finished turn', () => {
    const text = '\n\n## Distillation\n\nA **student** model learns from a teacher model that writes long traces.\n- first point that wraps around the width\n```\ncode **kept**\n```\nplain end\n';
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turn = makeTurn(1, { status: 'streaming', answer: '' });
    for (let i = 0; i < text.length; i += 7) {
      turn.answer = text.slice(0, i + 7);
      turn.rev++;
      doc.block([turn], 0, 'thinking');
    }
    const streamed = doc.block([turn], 0);
    turn.status = 'done';
    turn.rev++;
    const finished = doc.block([turn], 0);
    // The finished turn adds one row naming the model that answered; everything above it is unchanged.
    expect(finished.slice(0, -1)).toEqual(streamed);
    expect(finished.at(-1)!.body).toBe('— deepseek-r1:32b');
    const bodies = finished.map((r) => r.body);
    expect(bodies).toContain('Distillation');
    expect(bodies).toContain('code **kept**');
    expect(bodies.some((b) => b.startsWith('• first point'))).toBe(true);
    expect(finished.find((r) => r.body === 'Distillation')!.gutter.trim()).toBe('r1');
  });

  it('signs each finished answer with its model, quantization and exact eval rate', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = [
      makeTurn(1, { model: 'deepseek-r1:32b', quantization: 'Q4_K_M', metrics: { evalCount: 187, evalDuration: 3_801_325_500 } }),
      makeTurn(2, { model: 'deepseek-r1:70b', quantization: 'Q8_0' }),
    ];
    const first = doc.block(turns, 0);
    expect(first.at(-1)).toMatchObject({ body: '— deepseek-r1:32b · Q4_K_M · 49.19 tok/s', bodyToken: 'muted' });
    expect(doc.block(turns, 1).at(-1)!.body).toBe('— deepseek-r1:70b · Q8_0');
  });

  it('caches finished turns per (id, rev, width)', () => {
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turns = [makeTurn(1)];
    doc.block(turns, 0);
    const calls = doc.wrapCalls;
    doc.block(turns, 0);
    expect(doc.wrapCalls).toBe(calls);
    turns[0]!.rev++;
    doc.block(turns, 0);
    expect(doc.wrapCalls).toBeGreaterThan(calls);
  });

  it('keeps the rows of at most MAX_CACHED_TURNS turns, dropping the least recently shown first', () => {
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turns = longHistory(MAX_CACHED_TURNS + 72, 8);
    for (let i = 0; i < turns.length; i++) doc.block(turns, i);
    expect(doc.cachedTurns).toEqual({ finished: MAX_CACHED_TURNS, user: MAX_CACHED_TURNS });
    // the newest turns are still cached; the first ones are wrapped again when shown again
    let calls = doc.wrapCalls;
    doc.block(turns, turns.length - 1);
    expect(doc.wrapCalls).toBe(calls);
    doc.block(turns, 0);
    expect(doc.wrapCalls).toBeGreaterThan(calls);
    // a turn shown again is the newest: it survives the next MAX_CACHED_TURNS - 1 other turns
    calls = doc.wrapCalls;
    for (let i = turns.length - MAX_CACHED_TURNS + 1; i < turns.length; i++) doc.block(turns, i);
    doc.block(turns, 0);
    expect(doc.wrapCalls).toBe(calls);
    expect(doc.cachedTurns.finished).toBe(MAX_CACHED_TURNS);
  });

  it('short model labels', () => {
    expect(modelLabel('deepseek-r1:32b-qwen-distill-q8_0')).toBe('r1');
    expect(modelLabel('qwen3:8b')).toBe('qwen3');
    expect(modelLabel('library/some-very-long-model-name:latest').length).toBeLessThanOrEqual(10);
  });
});

describe('ChatScroller', () => {
  it('touches only the turns that intersect the viewport (50-turn history)', () => {
    let calls = 0;
    const doc = new ChatDocument((text, width) => {
      calls++;
      return wrapText(text, width);
    });
    doc.setWidth(60);
    const turns = longHistory(50);
    const scroller = new ChatScroller(doc);
    const first = scroller.view(turns, 20);
    expect(first.rows).toHaveLength(20);
    // Each turn has several rows, so 20 rows need at most a few turns (2 wraps each: question + answer).
    expect(calls).toBeLessThanOrEqual(3 * 2);
    calls = 0;
    scroller.view(turns, 20);
    expect(calls).toBe(0);
    // A streaming turn appended: its growth costs no full re-wrap of its answer.
    const live = makeTurn(51, { status: 'streaming', answer: 'start' });
    turns.push(live);
    scroller.view(turns, 20);
    calls = 0;
    for (let i = 0; i < 20; i++) {
      live.answer += ` more${i}`;
      scroller.view(turns, 20);
    }
    expect(calls).toBe(0);
  });

  it('PgUp shows earlier rows and reports rows below; PgDn returns to following', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = longHistory(10);
    const scroller = new ChatScroller(doc);
    const bottom = scroller.view(turns, 10);
    expect(bottom.atBottom).toBe(true);
    scroller.pageUp(turns);
    const up = scroller.view(turns, 10);
    expect(up.atBottom).toBe(false);
    expect(up.below).toBe(9);
    expect(up.rows[9]).toEqual(bottom.rows[0]);
    // New rows at the bottom do not move a scrolled-up viewport.
    turns.push(makeTurn(11));
    expect(scroller.view(turns, 10).rows).toEqual(up.rows);
    scroller.pageDown(turns);
    scroller.pageDown(turns);
    scroller.pageDown(turns);
    expect(scroller.view(turns, 10).atBottom).toBe(true);
    expect(scroller.follow).toBe(true);
  });

  it('scrolling past the top clamps to the first row', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = longHistory(3);
    const scroller = new ChatScroller(doc);
    scroller.view(turns, 5);
    for (let i = 0; i < 20; i++) scroller.pageUp(turns);
    const v = scroller.view(turns, 5);
    expect(v.top).toEqual({ turnIndex: 0, row: 0 });
    expect(v.rows[0]!.gutter.trim()).toBe('you');
  });
});

describe('ChatScroller.reveal', () => {
  it('scrolls to the start of a selected turn unless its first row is already on screen', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = longHistory(10);
    const scroller = new ChatScroller(doc);
    scroller.view(turns, 8);
    // The last turn is taller than 8 rows, so its first row is off screen: reveal scrolls up to it.
    scroller.reveal(turns, 9);
    const view = scroller.view(turns, 8);
    expect(view.top).toEqual({ turnIndex: 9, row: 0 });
    expect(view.rows.some((r) => r.body.includes('question number 10'))).toBe(true);
    scroller.reveal(turns, 3);
    expect(scroller.view(turns, 8).top).toEqual({ turnIndex: 3, row: 0 });
  });
});

describe('ChatScroller.compute is pure; commit stores the state', () => {
  it('computing a view (even a scrolled or jumping one) leaves the scroller as it was until commit', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = longHistory(10);
    const scroller = new ChatScroller(doc);
    scroller.view(turns, 10);
    scroller.pageUp(turns);
    const before = { follow: scroller.follow, anchor: scroller.anchor };
    const v = scroller.compute(turns, 10, { jump: 4 });
    scroller.compute(turns, 7);
    expect({ follow: scroller.follow, anchor: scroller.anchor }).toEqual(before);
    // scrolled to the very bottom from the anchor: the computed state follows again, only after commit
    for (let i = 0; i < 10; i++) scroller.pageDown(turns);
    const atEnd = scroller.compute(turns, 10);
    expect(atEnd.next.follow).toBe(true);
    expect(scroller.follow).toBe(false);
    scroller.commit(atEnd);
    expect(scroller.follow).toBe(true);
    expect(v.atBottom).toBe(false);
  });
});
