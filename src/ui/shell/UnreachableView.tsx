/** What the chat pane shows while the server cannot be reached and nothing was said yet. */
import { sanitize } from '../../core/sanitize.js';
import { wrapText } from '../../core/wrap.js';
import type { ConnectionState } from '../../session/types.js';
import type { ChatRow } from '../chat/chatLines.js';
import { displayHost } from './Header.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';

const HOST_SOURCE: Record<ConnectionState['hostSource'], string> = {
  flag: 'from --host',
  env: 'from OLLAMA_HOST',
  default: 'the default: no --host flag and OLLAMA_HOST is not set',
  demo: 'the built-in simulator',
  config: 'from the config\'s hosts list',
};

export function retryText(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return 'retrying soon (r to retry now)';
  const seconds = Math.ceil((retryAt - now) / 1000);
  return seconds > 0 ? `retrying in ${seconds} s (r to retry now)` : 'retrying now… (r to retry now)';
}

export function unreachableRows(connection: ConnectionState, width: number, now: number): ChatRow[] {
  const rows: ChatRow[] = [];
  const add = (text: string, token?: ChatRow['bodyToken']) => {
    for (const line of wrapText(text, width)) rows.push({ gutter: '', body: line, bodyToken: token });
  };
  const host = sanitize(displayHost(connection.host));
  add(sanitize(connection.error ?? `Cannot reach Ollama at ${host}.`), 'error');
  add(retryText(connection.retryAt, now), 'warn');
  add('');
  add(`Host: ${host} (${HOST_SOURCE[connection.hostSource]})${connection.undetected ? ' · server kind: not detected yet' : ''}`);
  add('');
  add('What to try:');
  // the kind is not known (nothing answered at start): no Ollama-only advice
  const tries: [string, string][] = connection.undetected ? [
    ['start the server', 'ollama serve, llama-server, vllm serve, ...'],
    ['r1-tui --backend KIND --host URL', 'skip detection: ollama, llama.cpp, vllm, sglang, lmstudio, openai'],
    ['r1-tui --demo', 'try r1-tui with a simulated model'],
    ['r1-tui doctor', 'check host, server, GPU and terminal step by step'],
  ] : [
    ['ollama serve', 'start Ollama on this machine'],
    ['OLLAMA_HOST=host:port r1-tui', 'use a server elsewhere'],
    ['r1-tui --host URL', 'the same, as a flag'],
    ['r1-tui --demo', 'try r1-tui with a simulated model'],
    ['r1-tui doctor', 'check host, server, GPU and terminal step by step'],
  ];
  for (const [cmd, why] of tries) {
    const oneLine = `  ${cmd.padEnd(30)} ${why}`;
    if (oneLine.length <= width) add(oneLine);
    else {
      add(`  ${cmd}`);
      add(`      ${why}`);
    }
  }
  return rows;
}

export function UnreachableView(props: { connection: ConnectionState; width: number; height: number; now: number }) {
  const rows = unreachableRows(props.connection, chatTextWidth(props.width), props.now);
  return (
    <Frame title="Chat · server unreachable" width={props.width} height={props.height}>
      <ChatRows rows={rows} height={Math.max(0, props.height - 2)} />
    </Frame>
  );
}
