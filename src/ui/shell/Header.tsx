/** One row: ` r1-tui · <model> · <host> · Ollama <version> · connected[ · DEMO]` (or the other server's label). */
import { Text } from 'ink';
import { memo } from 'react';
import { normalizeSettings, type ChatSettings } from '../../core/chatSettings.js';
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import type { ConnectionState } from '../../session/types.js';
import { useAppState } from './useAppState.js';
import { useTheme } from '../theme/theme.js';
import type { ThemeToken } from '../../core/theme.js';

const selectConnection = (s: { connection: ConnectionState }) => s.connection;
const selectModel = (s: { model: { current?: string } }) => s.model.current;
const selectSettings = (s: { chatSettings?: ChatSettings }) => s.chatSettings;
const selectServerLabel = (s: { server?: { label: string } }) => s.server?.label;

/** `sys`, `opts` or `sys+opts` when the conversation has its own system prompt / sampling options. */
export function settingsTag(settings: ChatSettings | undefined): string | undefined {
  const n = normalizeSettings(settings);
  const tags = [n.system !== undefined ? 'sys' : '', n.options ? 'opts' : ''].filter(Boolean);
  return tags.length > 0 ? tags.join('+') : undefined;
}

/** `http://127.0.0.1:11434` → `127.0.0.1:11434`. */
export function displayHost(host: string): string {
  return host.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export const STATUS_TOKEN: Record<ConnectionState['status'], ThemeToken> = {
  connected: 'ok',
  connecting: 'warn',
  unreachable: 'error',
};

/** Memoized: re-renders only when its props (or its own store slices) change, not on every token. */
export const Header = memo(function Header({ width }: { width: number }) {
  const { colors } = useTheme();
  const connection = useAppState(selectConnection);
  const model = useAppState(selectModel);
  const tag = settingsTag(useAppState(selectSettings));
  const serverLabel = useAppState(selectServerLabel);
  const status = connection.status;
  const demo = connection.demo ? ' · DEMO' : '';
  const room = Math.max(0, width - displayWidth(status + demo) - 1);
  const where = connection.hostName && connection.hostName !== displayHost(connection.host) ? connection.hostName : displayHost(connection.host);
  const parts = [model ? sanitize(model) : 'no model', ...(tag ? [tag] : []), sanitize(where)];
  // Another server's detected label (`vLLM 0.19.1`, `llama.cpp b6881`), else Ollama's version as before.
  const version = serverLabel !== undefined ? sanitize(serverLabel) : connection.serverVersion ? `Ollama ${sanitize(connection.serverVersion)}` : undefined;
  const full = ` r1-tui · ${[...parts, ...(version ? [version] : [])].join(' · ')}`;
  // Too wide: drop the server version first, then shorten the rest (the status word always shows).
  const head = displayWidth(full) + 3 <= room ? full : ` r1-tui · ${parts.join(' · ')}`;
  const headShown = `${truncateToWidth(head, Math.max(0, room - 3))} · `;
  return (
    <Text wrap="truncate">
      <Text color={colors.accent}>{headShown}</Text>
      <Text color={colors[STATUS_TOKEN[status]]} bold>
        {status}
      </Text>
      {demo ? <Text color={colors.warn}>{demo}</Text> : null}
    </Text>
  );
});
