import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { ChatDocument } from '../../../src/ui/chat/chatLines.js';
import { matchKey } from '../../../src/ui/keys/keymap.js';
import { makeTurn } from '../turns.js';

describe('raw text toggle', () => {
  it('Alt+M shows answers as raw text and back, rebuilding cached blocks', () => {
    const doc = new ChatDocument();
    doc.setWidth(60);
    const turns = [makeTurn(1, { answer: '# Title\n**bold** and `code`', status: 'done', thinking: '' })];
    const bodies = () => doc.block(turns, 0).map((r) => r.body).filter((b) => b !== '');
    expect(bodies()).toContain('bold and code');
    doc.setRaw(true);
    expect(bodies()).toContain('**bold** and `code`');
    expect(bodies()).toContain('# Title');
    doc.setRaw(false);
    expect(bodies()).toContain('Title');
    expect(matchKey('m', { ...({} as Key), meta: true })).toBe('toggleRaw');
  });
});
