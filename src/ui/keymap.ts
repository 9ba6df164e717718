/**
 * Key bindings as data. `matchKey` maps one Ink keypress to an action; the help overlay lists KEY_HELP.
 * The contract keys (design.md) never change; new features add rows here.
 */
import type { Key } from 'ink';

export type KeyAction =
  | 'send'
  | 'newline'
  | 'stop'
  | 'interrupt' // Ctrl+C: stop generation, or quit when idle
  | 'quitIfEmpty'
  | 'toggleReasoning'
  | 'models'
  | 'pageUp'
  | 'pageDown'
  | 'reasoningUp'
  | 'reasoningDown'
  | 'help'
  | 'verbose'
  | 'reask'
  | 'prevModel' // F7: switch to the previous installed model
  | 'nextModel' // F8: switch to the next installed model
  | 'unloadModel' // F9: unload the current (in the picker: the highlighted) model
  | 'modelDetail' // Tab in the picker: fit formula and num_ctx / num_gpu
  | 'cycleReasoningMode' // F3: auto → folded → open
  | 'cycleThink' // F4: think on → off → levels
  | 'togglePanel' // F5: hide/show the performance panel
  | 'selectPrevTurn' // Alt+↑
  | 'selectNextTurn' // Alt+↓
  | 'toggleInlineReasoning' // Ctrl+O: the selected turn's reasoning inline in the chat, or every turn's
  | 'wordLeft' // Ctrl+← / Alt+b
  | 'wordRight' // Ctrl+→ / Alt+f
  | 'deleteWordLeft' // Ctrl+W
  | 'regenerate' // Ctrl+G: send the last question again as a new turn
  | 'toggleRaw' // Alt+M: answers as raw text / rendered Markdown
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'deleteLeft'
  | 'deleteRight'
  | 'clearInput';

export interface KeyHelp {
  keys: string;
  action: string;
}

/** Every key with what it does, in the order the help overlay shows them. */
export const KEY_HELP: readonly KeyHelp[] = [
  { keys: 'Enter · Ctrl+J', action: 'send the message · new line in it' },
  { keys: 'Esc', action: 'stop generation / close overlay' },
  { keys: 'Ctrl+C', action: 'stop generation, or quit when idle' },
  { keys: 'Ctrl+D', action: 'quit (when the input is empty)' },
  { keys: 'Ctrl+T', action: 'fold / unfold the reasoning pane' },
  { keys: 'Ctrl+P', action: 'model picker (type to filter, ↑/↓, Enter, Esc)' },
  { keys: 'PgUp/PgDn End', action: 'scroll the chat by a page; End: newest' },
  { keys: 'Shift+PgUp/PgDn', action: 'scroll the reasoning (also Ctrl+↑/↓)' },
  { keys: '←→↑↓ Home End', action: 'move in the input; ↑/↓ on the first/last line: sent prompts' },
  { keys: 'Backspace Ctrl+U', action: 'delete left; Ctrl+U clears the input' },
  { keys: 'Ctrl+←/→ Ctrl+W Ctrl+G', action: 'word left/right (Alt+b/f) · delete word · regenerate the answer' },
  { keys: 'Alt+M', action: 'answers as raw text / rendered Markdown' },
  { keys: 'Ctrl+R', action: 'stop and ask again (thinking loop)' },
  { keys: 'r', action: 'retry now (server unreachable screen)' },
  { keys: 'F7 F8 · F9', action: 'previous/next model · unload it (picker: Tab detail, name+Enter pulls)' },
  { keys: 'Alt+↑/↓ · Ctrl+O', action: "select a turn (Esc clears) · its reasoning in the chat (all if none)" },
  { keys: 'F2 F3 F4 F5', action: 'statistics · fold auto/folded/open · think on/off · hide panel' },
  { keys: 'F6 · Ctrl+N', action: 'saved conversations (Enter opens, e exports) · new conversation' },
  { keys: 'Ctrl+Y Alt+Y Alt+1-9', action: 'copy answer · reasoning · code block [N] of the selected/last turn' },
  { keys: 'F1', action: 'this help (Esc or F1 closes it)' },
];

/** Footer hints, most important first; the footer drops from the end to fit (F1 help always stays). */
export const FOOTER_HINTS: readonly string[] = [
  'Enter send',
  'Esc stop',
  'Ctrl+T fold',
  'Ctrl+J newline',
  'Ctrl+P models',
];
export const FOOTER_HELP_HINT = 'F1 help';

/** Raw sequences of F1 (xterm SS3, rxvt/VT220, Linux console); Ink's useInput reports them as no key. */
export const F1_SEQUENCES: readonly string[] = ['\u001BOP', '\u001B[11~', '\u001B[[A'];
export const F2_SEQUENCES: readonly string[] = ['\u001BOQ', '\u001B[12~', '\u001B[[B'];
export const F7_SEQUENCES: readonly string[] = ['\u001B[18~'];
export const F8_SEQUENCES: readonly string[] = ['\u001B[19~'];
export const F9_SEQUENCES: readonly string[] = ['\u001B[20~'];
export const F3_SEQUENCES: readonly string[] = ['\u001BOR', '\u001B[13~', '\u001B[[C'];
export const F4_SEQUENCES: readonly string[] = ['\u001BOS', '\u001B[14~', '\u001B[[D'];
export const F5_SEQUENCES: readonly string[] = ['\u001B[15~', '\u001B[[E'];

/** Function keys that useInput cannot name, matched on the raw input event. */
export function matchRawKey(data: string): KeyAction | undefined {
  if (F1_SEQUENCES.includes(data)) return 'help';
  if (F2_SEQUENCES.includes(data)) return 'verbose';
  if (F7_SEQUENCES.includes(data)) return 'prevModel';
  if (F8_SEQUENCES.includes(data)) return 'nextModel';
  if (F9_SEQUENCES.includes(data)) return 'unloadModel';
  if (F3_SEQUENCES.includes(data)) return 'cycleReasoningMode';
  if (F4_SEQUENCES.includes(data)) return 'cycleThink';
  if (F5_SEQUENCES.includes(data)) return 'togglePanel';
  return undefined;
}

export function matchKey(input: string, key: Key): KeyAction | undefined {
  if (key.ctrl) {
    switch (input) {
      case 'c':
        return 'interrupt';
      case 'd':
        return 'quitIfEmpty';
      case 't':
        return 'toggleReasoning';
      case 'p':
        return 'models';
      case 'u':
        return 'clearInput';
      case 'j':
        return 'newline';
      case 'r':
        return 'reask';
      case 'w':
        return 'deleteWordLeft';
      case 'g':
        return 'regenerate';
      case 'o':
        return 'toggleInlineReasoning';
    }
  }
  if (key.return) return key.meta || key.shift ? 'newline' : 'send';
  if (input === '\n') return 'newline';
  if (key.escape) return 'stop';
  if (key.tab && !key.shift) return 'modelDetail';
  if (key.pageUp) return key.shift ? 'reasoningUp' : 'pageUp';
  if (key.pageDown) return key.shift ? 'reasoningDown' : 'pageDown';
  // Alt+↑/↓: xterm sends ESC[1;3A (Ink: meta), some terminals ESC ESC[A (Ink: meta via option).
  if (key.meta && !key.ctrl && key.upArrow) return 'selectPrevTurn';
  if (key.meta && !key.ctrl && key.downArrow) return 'selectNextTurn';
  if (key.ctrl && key.upArrow) return 'reasoningUp';
  if (key.ctrl && key.downArrow) return 'reasoningDown';
  if (key.leftArrow) return key.ctrl ? 'wordLeft' : 'left';
  if (key.rightArrow) return key.ctrl ? 'wordRight' : 'right';
  if (key.meta && !key.ctrl && input === 'm') return 'toggleRaw';
  if (key.meta && !key.ctrl && input === 'b') return 'wordLeft';
  if (key.meta && !key.ctrl && input === 'f') return 'wordRight';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.home) return 'home';
  if (key.end) return 'end';
  // Ink 6.8: the Backspace key (\x7f) is reported as `delete`, Ctrl+H (\b) as `backspace`.
  if (key.backspace || key.delete) return 'deleteLeft';
  return undefined;
}

/** Text to insert for a keypress that is not a binding (typed characters and whole pastes). */
export function typedText(input: string, key: Key): string | undefined {
  if (key.ctrl || key.meta || key.tab) return undefined;
  if (input === '') return undefined;
  return input;
}

export type TypedPiece = { text: string } | { action: 'deleteLeft' | 'send' };

/**
 * Over a slow link several typed keys can arrive in one read ("helo\x7flo\r"). A multi-character
 * input holding Backspace (DEL or BS) is split into text and delete-left, and one trailing CR with no
 * other line break means Enter. Anything else with line breaks is a paste and is inserted whole.
 * Returns undefined when the input needs no splitting.
 */
export function splitTypedInput(input: string): TypedPiece[] | undefined {
  if (input.length < 2) return undefined;
  const hasDelete = /[\u007F\b]/.test(input);
  const body = input.endsWith('\r') ? input.slice(0, -1) : input;
  const trailingEnter = body !== input && !/[\r\n]/.test(body);
  if (!hasDelete && !trailingEnter) return undefined;
  const pieces: TypedPiece[] = [];
  const source = trailingEnter ? body : input;
  for (const part of source.split(/([\u007F\b])/)) {
    if (part === '') continue;
    pieces.push(part === '\u007F' || part === '\b' ? { action: 'deleteLeft' } : { text: part });
  }
  if (trailingEnter) pieces.push({ action: 'send' });
  return pieces;
}
