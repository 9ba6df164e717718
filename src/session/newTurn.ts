/** Creating a Turn, and what to say when there is no model to send to. */
import type { ConnectionState, Turn } from './types.js';

export function newTurn(past: readonly Turn[], user: string, model: string, startedAt: number): Turn {
  return {
    id: (past.at(-1)?.id ?? 0) + 1,
    user,
    model,
    thinking: '',
    answer: '',
    status: 'streaming',
    startedAt,
    thinkingTokens: 0,
    answerTokens: 0,
    rev: 0,
  };
}

export function noModelSentence(connection: ConnectionState): string {
  if (connection.status === 'connecting') return `Still connecting to Ollama at ${connection.host}; send again in a moment.`;
  if (connection.status === 'unreachable' && connection.error) return connection.error;
  return 'No model is selected. Pull one with `ollama pull deepseek-r1:8b`, or press Ctrl+P to pick an installed model.';
}
