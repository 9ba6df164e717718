/**
 * OSC 52 clipboard sequences (pure). The terminal decodes `ESC ] 52 ; c ; <base64> BEL` and puts the
 * text on the system clipboard of the machine the user sits at, which is what works over SSH.
 * - tmux ($TMUX set): the plain sequence (tmux stores it in its paste buffer and, with set-clipboard on,
 *   forwards it) followed by the same sequence in tmux's passthrough DCS (`ESC P tmux; …ESC\`, every ESC
 *   doubled) for `allow-passthrough on` setups. Both carry the same text, so a double delivery is harmless.
 * - GNU screen (TERM starts with "screen" and not in tmux): the sequence split into DCS chunks, since
 *   screen limits one string's length.
 * Above `maxBytes` of base64 the copy is refused (many terminals drop or truncate long OSC 52).
 */

export const OSC52_MAX_BYTES = 100_000;
const SCREEN_CHUNK = 76;

export interface Osc52Env {
  TMUX?: string;
  TERM?: string;
}

export type Multiplexer = 'none' | 'tmux' | 'screen';

export type Osc52Result =
  | { ok: true; sequence: string; base64Bytes: number; multiplexer: Multiplexer }
  | { ok: false; reason: 'too-large'; base64Bytes: number };

export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function osc52Raw(base64: string): string {
  return `\u001B]52;c;${base64}\u0007`;
}

/** tmux passthrough: `ESC P tmux;` + the sequence with each ESC doubled + `ESC \`. */
export function tmuxPassthrough(sequence: string): string {
  return `\u001BPtmux;${sequence.replace(/\u001B/g, '\u001B\u001B')}\u001B\\`;
}

/** screen: the sequence cut into DCS strings of at most SCREEN_CHUNK characters each. */
export function screenPassthrough(sequence: string, chunk = SCREEN_CHUNK): string {
  let out = '';
  for (let i = 0; i < sequence.length; i += chunk) out += `\u001BP${sequence.slice(i, i + chunk)}\u001B\\`;
  return out;
}

export function multiplexerOf(env: Osc52Env): Multiplexer {
  if (env.TMUX) return 'tmux';
  if (env.TERM?.startsWith('screen')) return 'screen';
  return 'none';
}

export function osc52Sequence(text: string, env: Osc52Env, maxBytes = OSC52_MAX_BYTES): Osc52Result {
  const base64 = base64Utf8(text);
  if (base64.length > maxBytes) return { ok: false, reason: 'too-large', base64Bytes: base64.length };
  const raw = osc52Raw(base64);
  const multiplexer = multiplexerOf(env);
  const sequence = multiplexer === 'tmux' ? raw + tmuxPassthrough(raw) : multiplexer === 'screen' ? screenPassthrough(raw) : raw;
  return { ok: true, sequence, base64Bytes: base64.length, multiplexer };
}
