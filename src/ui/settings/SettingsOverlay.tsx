/** Alt+S: this conversation's system prompt and sampling options, edited in place of the chat. */
import type { SettingsDraft } from './settingsDraft.js';
import { SETTINGS_TITLE, settingsRows } from './settingsRows.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';

export interface SettingsOverlayProps {
  draft: SettingsDraft;
  width: number;
  height: number;
}

export function SettingsOverlay({ draft, width, height }: SettingsOverlayProps) {
  const textRows = Math.max(0, height - 2);
  const rows = settingsRows(draft, chatTextWidth(width), textRows);
  return (
    <Frame title={SETTINGS_TITLE} width={width} height={height} active>
      <ChatRows rows={rows} height={textRows} />
    </Frame>
  );
}
