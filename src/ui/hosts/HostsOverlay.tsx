/**
 * Alt+H: every host with its backend, version, health and models, refreshed while this shows (the
 * session's HostsController refreshes from open() on mount to close() on unmount, so no timer runs
 * when the switcher is not on screen).
 */
import { useEffect } from 'react';
import type { HostActions } from '../../session/types.js';
import type { HostsState } from '../../session/hostsTypes.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';
import { HOSTS_TITLE, hostsOverlayRows } from './hostsRows.js';

export interface HostsOverlayProps {
  hosts: HostsState | undefined;
  index: number;
  actions: HostActions | undefined;
  width: number;
  height: number;
}

export function HostsOverlay({ hosts, index, actions, width, height }: HostsOverlayProps) {
  useEffect(() => {
    actions?.open();
    return () => actions?.close();
  }, [actions]);
  const textRows = Math.max(0, height - 2);
  const rows = hostsOverlayRows(hosts, index, chatTextWidth(width), textRows);
  return (
    <Frame title={HOSTS_TITLE} width={width} height={height} active>
      <ChatRows rows={rows} height={textRows} />
    </Frame>
  );
}
