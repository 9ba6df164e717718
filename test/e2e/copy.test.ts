/**
 * Issue 6 copy over SSH, end to end: code blocks carry `[N] lang` labels; with a turn selected
 * (Alt+↑), Alt+N copies that turn's block N as one OSC 52 sequence on the terminal, and the notice says
 * exactly what was copied; with no selection the keys act on the last turn.
 */
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { e2eScope, ask } from './helpers/scope.js';
import { spawnApp } from './helpers/pty.js';

const FIRST = 'Two ways:\n\n```ts\nconst a = 1;\n```\n\n```python\nprint("二")\n```\n\nDone one.';
const SECOND = 'Shell:\n\n```bash\necho hi\n```\n\nDone two.';

const scope = e2eScope();

/** The texts of every OSC 52 sequence the app wrote, decoded. */
function osc52Texts(raw: string): string[] {
  return [...raw.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
}

describe('copy code block N of the selected turn', () => {
  it('Alt+↑ selects a turn, Alt+2 copies its second block via OSC 52, and the notice names it', async () => {
    let replies = 0;
    const f = await scope.fake({ script: () => scriptFromText('Think.\n', replies++ === 0 ? FIRST : SECOND, 200) });
    const a = await spawnApp(['--host', f.url, '--model', 'deepseek-r1:32b'], { cols: 100, rows: 40, env: { TMUX: '', TERM: 'xterm-256color' } });
    scope.cleanups.push(() => a.dispose());
    await a.waitFor(/connected/, 15_000);
    await ask(a, 'first question');
    await a.waitFor((s) => s.includes('Done one.') && /\bidle\b/.test(s), 30_000);
    await ask(a, 'second question');
    await a.waitFor((s) => s.includes('Done two.') && /\bidle\b/.test(s), 30_000);
    const screen = a.screen();
    expect(screen).toContain('[1] ts');
    expect(screen).toContain('[2] python');
    expect(screen).toContain('[1] bash');

    a.write('\u001B2'); // Alt+2, nothing selected: the last answer has one block
    await a.waitFor('The last answer has 1 code block; there is no block 2', 10_000);
    expect(osc52Texts(a.raw())).toEqual([]);

    a.write('\u001B[1;3A'); // Alt+↑: the last turn
    await a.settle(200, 3_000);
    a.write('\u001B[1;3A'); // Alt+↑: the first turn
    await a.settle(200, 3_000);
    a.write('\u001B2');
    await a.waitFor('Copied code block 2 of turn 1 (python, 12 bytes) via OSC 52.', 10_000);
    expect(osc52Texts(a.raw())).toEqual(['print("二")']);

    a.write('\u001B'); // Esc clears the selection: back to the last turn
    await a.settle(200, 3_000);
    a.write('\u001B1');
    await a.waitFor('Copied code block 1 of the last answer (bash, 7 bytes) via OSC 52.', 10_000);
    expect(osc52Texts(a.raw())).toEqual(['print("二")', 'echo hi']);
  }, 90_000);
});
