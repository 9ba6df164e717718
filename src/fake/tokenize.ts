/**
 * Cut text into word-sized stream pieces, the way R1 streams look: a word with its leading
 * space, punctuation on its own, newlines on their own. Text containing `¦` (broken bar) is taken as already
 * cut (used for Chinese, where word boundaries are not spaces). Joining the pieces gives the text back.
 */
import { estimateTextTokens } from '../core/contextFit.js';

const PIECE = /[ ]?[\p{L}\p{N}_'’]+|[ ]?[^\p{L}\p{N}\s]{1,3}|\n+|[ \t]+|\s/gu;

export function pieces(text: string): string[] {
  if (text.includes('¦')) return text.split('¦').filter((p) => p !== '');
  return text.match(PIECE) ?? [];
}

/** Pieces of reasoning text with the line break before `</think>` fused onto the last piece. */
export function reasoningPieces(text: string): string[] {
  const out = pieces(text);
  while (out.length > 1 && /^\n+$/.test(out[out.length - 1]!)) {
    const nl = out.pop()!;
    out[out.length - 1] += nl;
  }
  return out;
}

/** Rough token count of a prompt message: the same estimate r1-tui itself uses (core/contextFit.ts). */
export const estimateTokens = estimateTextTokens;
