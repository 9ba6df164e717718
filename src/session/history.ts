/** The messages sent to /api/chat: the whole conversation, reasoning left out unless asked for. */
import type { ChatMessage } from '../backends/ollama/types.js';
import type { Turn } from './types.js';

export interface HistoryOptions {
  /** Send earlier turns' reasoning back in `thinking` (off by default: it costs context). */
  keepReasoning?: boolean;
  /** A system prompt to put first. */
  system?: string;
}

/** A past turn belongs in the history if it produced an answer. Failed or empty turns are skipped. */
function usable(turn: Turn): boolean {
  return turn.answer.trim() !== '';
}

/** `past` = the finished turns before the new question (the new turn itself is not included). */
export function buildMessages(past: readonly Turn[], question: string, opts: HistoryOptions = {}): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (opts.system) messages.push({ role: 'system', content: opts.system });
  for (const turn of past) {
    if (!usable(turn)) continue;
    messages.push({ role: 'user', content: turn.user });
    const reply: ChatMessage = { role: 'assistant', content: turn.answer };
    if (opts.keepReasoning && turn.thinking !== '') reply.thinking = turn.thinking;
    messages.push(reply);
  }
  messages.push({ role: 'user', content: question });
  return messages;
}
