import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../../src/core/wrap.js';
import { ChatDocument, type ChatRow } from '../../../src/ui/chat/chatLines.js';
import { MarkdownRenderer, markdownLines } from '../../../src/ui/markdown/markdownLines.js';
import { makeTurn } from '../turns.js';

const TABLE = '| model | size | speed |\n|---|--:|--:|\n| deepseek-r1:32b | 20 GB | 1.6 |\n| 中文模型 | 5 GB | 12 |\n| qwen3:8b-a-much-longer-name | 5.2 GB | 31.4 |\n';
const ANSWER = `Here are the numbers:\n\n${TABLE}\nAnd code:\n\`\`\`python\nprint("hi")\n\`\`\`\n`;

function streamInto(doc: ChatDocument, text: string, step: number, onFrame?: (rows: ChatRow[], sent: string) => void) {
  const turn = makeTurn(1, { status: 'streaming', answer: '' });
  for (let i = 0; i < text.length; i += step) {
    turn.answer = text.slice(0, i + step);
    turn.rev++;
    const rows = doc.block([turn], 0, 'thinking');
    onFrame?.(rows, turn.answer);
  }
  return turn;
}

const bodies = (rows: readonly ChatRow[]) => rows.map((r) => r.body);

describe('streaming tables', () => {
  it('a table renders as a table once its header and delimiter rows have arrived', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const seen: string[][] = [];
    streamInto(doc, ANSWER, 3, (rows, sent) => {
      // Never a raw pipe row on screen: the header line waits for the delimiter row, a row for its end.
      if (sent.includes('| model')) {
        expect(bodies(rows).filter((b) => b.trimStart().startsWith('|'))).toEqual([]);
      }
      seen.push(bodies(rows));
    });
    const afterFirstRow = seen.find((b) => b.some((x) => x.startsWith('deepseek-r1:32b')))!;
    expect(afterFirstRow.some((b) => /^─+─┼─/.test(b))).toBe(true);
    expect(afterFirstRow.some((b) => b.startsWith('model'))).toBe(true);
    // The third row has not ended yet in that frame: not shown, raw or laid out.
    expect(afterFirstRow.some((b) => b.includes('qwen3'))).toBe(false);
  });

  it('columns grow as rows arrive and the streamed rows equal the finished turn', () => {
    const doc = new ChatDocument();
    doc.setWidth(70);
    const widths: number[] = [];
    const turn = streamInto(doc, ANSWER, 1, (rows) => {
      const header = rows.find((r) => r.body.startsWith('model'));
      if (header) widths.push(header.body.indexOf('│'));
    });
    expect(widths[0]).toBeLessThan(widths.at(-1)!);
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    const streamed = doc.block([turn], 0);
    turn.status = 'done';
    turn.rev++;
    const finished = doc.block([turn], 0);
    expect(finished.slice(0, -1)).toEqual(streamed);
    expect(bodies(finished)).toContain('[1] python');
  });

  it('a table at the very end of a streaming answer is laid out before the answer finishes', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turn = streamInto(doc, `Table:\n${TABLE}`, 5);
    const rows = bodies(doc.block([turn], 0));
    expect(rows.some((b) => b.startsWith('中文模型'))).toBe(true);
    expect(rows.some((b) => b.includes('|'))).toBe(false);
  });

  it('a pipe line without a delimiter row stays text, streamed or finished', () => {
    const text = 'a | b\nc | d\n';
    const doc = new ChatDocument();
    doc.setWidth(40);
    const turn = streamInto(doc, text, 1);
    expect(bodies(doc.block([turn], 0)).slice(2)).toEqual(['a | b', 'c | d']);
  });
});

describe('streaming cost', () => {
  it('each completed line is styled once; a frame with no new text does no work', () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? '```ts' : i % 50 === 10 ? '```' : `line ${i} with **bold** text`));
    const r = new MarkdownRenderer(60, wrapText);
    for (const l of lines) r.push(l);
    expect(r.work.lines).toBe(400);
    expect(r.work.tableLayouts).toBe(0);
  });

  it('wrap calls per streamed line do not grow with the answer length', () => {
    let calls = 0;
    const doc = new ChatDocument((text, width) => {
      calls++;
      return wrapText(text, width);
    });
    doc.setWidth(60);
    const line = (i: number) => `paragraph ${i} with a **bold** word and \`code\`\n`;
    const turn = makeTurn(1, { status: 'streaming', answer: '' });
    const costOf100Lines = () => {
      const before = calls;
      for (let i = 0; i < 100; i++) {
        turn.answer += line(i);
        turn.rev++;
        doc.block([turn], 0);
        // Frames in between with no new text.
        doc.block([turn], 0);
      }
      return calls - before;
    };
    costOf100Lines(); // the question row is wrapped once, here
    const early = costOf100Lines();
    for (let k = 0; k < 20; k++) costOf100Lines();
    const late = costOf100Lines();
    expect(early).toBeGreaterThan(0);
    expect(late).toBe(early);
  });

  it('an open table is laid out again only when one of its lines ends, never per frame', () => {
    const r = new MarkdownRenderer(60, wrapText);
    r.push('| a | b |');
    r.push('|---|---|');
    for (let i = 0; i < 30; i++) {
      r.push(`| ${i} | ${'x'.repeat(i % 7)} |`);
      for (let f = 0; f < 5; f++) expect(r.pending.length).toBe(i + 3); // header, rule, rows so far
    }
    expect(r.work.tableLayouts).toBe(30);
    r.end();
    expect(r.done).toHaveLength(32);
    expect(r.pending).toEqual([]);
  });
});

describe('markdownLines equals the incremental renderer', () => {
  it('every row fits; the finished rendering is the renderer fed line by line', () => {
    const text = `${ANSWER}\n| 列一 | 列二 |\n|:-:|---|\n| 很长很长很长很长的中文单元格内容 | ok |\nend`;
    for (const width of [20, 33, 80]) {
      const rows = markdownLines(text, width, wrapText);
      for (const row of rows) expect(displayWidth(row.text)).toBeLessThanOrEqual(width);
      const r = new MarkdownRenderer(width, wrapText);
      text.split('\n').forEach((l) => r.push(l));
      expect([...r.done, ...r.pending]).toEqual(rows);
    }
  });
});

describe('copy hints on the selected turn', () => {
  it('the selected turn labels its code blocks with the key that copies them; others do not', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = [makeTurn(1, { answer: ANSWER }), makeTurn(2, { answer: '```go\nx\n```' })];
    expect(bodies(doc.block(turns, 0))).toContain('[1] python');
    doc.setDisplay({ selectedTurnId: 1 });
    expect(bodies(doc.block(turns, 0))).toContain('[1] python · Alt+1 copies');
    expect(bodies(doc.block(turns, 1))).toContain('[1] go');
    doc.setDisplay({});
    expect(bodies(doc.block(turns, 0))).toContain('[1] python');
  });
});
