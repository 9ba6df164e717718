/**
 * Screen layout arithmetic (pure). Every size is derived from the terminal size and a few flags; nothing
 * is measured at runtime. The rows handed out always sum to exactly `rows - 1` (Ink 6.8 clears the whole
 * screen on every frame when the output is as tall as the terminal).
 */

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
/** At this width and above the performance panel sits to the right of the chat; below, a status line. */
export const PANEL_MIN_COLUMNS = 100;
export const PANEL_WIDTH = 38;
/** The performance band (config "layout": "band"): its height with the border, above a full-width chat. */
export const BAND_HEIGHT = 6;
/** Text rows of the input box grow with its content up to this many. */
export const MAX_INPUT_ROWS = 5;
/** Minimum text rows inside the chat border. */
export const MIN_CHAT_TEXT_ROWS = 3;
/** Minimum text rows inside the open reasoning pane's border. */
export const MIN_REASONING_TEXT_ROWS = 3;

export interface LayoutInput {
  columns: number;
  rows: number;
  reasoningFolded: boolean;
  /** Text rows the input content wants (1..MAX_INPUT_ROWS). */
  inputRows: number;
  hasNotice: boolean;
  hasBanner: boolean;
  /** F5: hide the side panel and the status line (the chat gets the room). */
  panelHidden?: boolean;
  /**
   * At PANEL_MIN_COLUMNS and more, the panel as a full-width band above the chat instead of beside it
   * (the chat spans the width, so the terminal can scroll it in hardware). Falls back to the status line
   * when the terminal is too short for the band.
   */
  panelBand?: boolean;
}

export interface Layout {
  tooSmall: boolean;
  columns: number;
  /** Height of the root box: rows - 1. */
  height: number;
  header: number;
  /** 1 when the compact status line replaces the side panel. */
  statusLine: number;
  /** Height of the performance band (border included) above the chat; 0 without it. */
  band: number;
  /** Height of the chat pane including its border; the side panel has the same height. */
  main: number;
  chatWidth: number;
  /** 0 when the panel is not shown. */
  panelWidth: number;
  /** Height of the reasoning region (border included when open, 1 when folded). */
  reasoning: number;
  /** True when the reasoning pane is shown folded because there is no room to open it. */
  reasoningForcedFolded: boolean;
  banner: number;
  /** Height of the input box including its border. */
  input: number;
  /** Text rows inside the input box. */
  inputTextRows: number;
  notice: number;
  footer: number;
  /** Row (from the top of the frame) where the input box starts; used to place the terminal cursor. */
  inputTop: number;
}

const BORDER = 2;

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

export function computeLayout(input: LayoutInput): Layout {
  const { columns, rows } = input;
  const height = Math.max(0, rows - 1);
  const wide = columns >= PANEL_MIN_COLUMNS && !input.panelHidden;
  const showPanel = wide && !input.panelBand;
  const panelWidth = showPanel ? PANEL_WIDTH : 0;
  const base = {
    columns,
    height,
    chatWidth: columns - panelWidth,
    panelWidth,
  };
  if (isTooSmall(columns, rows)) {
    return {
      ...base,
      tooSmall: true,
      header: 0,
      statusLine: 0,
      band: 0,
      main: 0,
      reasoning: 0,
      reasoningForcedFolded: false,
      banner: 0,
      input: 0,
      inputTextRows: 0,
      notice: 0,
      footer: 0,
      inputTop: 0,
    };
  }

  const header = 1;
  const footer = 1;
  const notice = input.hasNotice ? 1 : 0;
  const banner = input.hasBanner ? 1 : 0;
  const minChat = MIN_CHAT_TEXT_ROWS + BORDER;
  const minOpenReasoning = MIN_REASONING_TEXT_ROWS + BORDER;
  // the band only where it leaves the chat its minimum, a folded reasoning row and a one-row input
  const bandFits = height - (header + footer + notice + banner + BAND_HEIGHT + minChat + 1 + 1 + BORDER) >= 0;
  const band = wide && input.panelBand && bandFits ? BAND_HEIGHT : 0;
  const statusLine = showPanel || input.panelHidden || band > 0 ? 0 : 1;

  const fixed = header + footer + statusLine + band + notice + banner;
  // Input grows with its content, but never squeezes the chat below its minimum plus a folded reasoning row.
  const wantedInputText = clamp(input.inputRows, 1, MAX_INPUT_ROWS);
  const roomForInputText = height - fixed - minChat - 1 - BORDER;
  const inputTextRows = clamp(Math.min(wantedInputText, roomForInputText), 1, MAX_INPUT_ROWS);
  const inputBox = inputTextRows + BORDER;

  const remaining = height - fixed - inputBox;
  let reasoning = 1;
  let forced = false;
  if (!input.reasoningFolded) {
    const third = Math.round(remaining / 3);
    const open = Math.max(minOpenReasoning, third);
    if (remaining - open >= minChat) {
      reasoning = open;
    } else if (remaining - minOpenReasoning >= minChat) {
      reasoning = minOpenReasoning;
    } else {
      forced = true;
    }
  }
  const main = remaining - reasoning;

  const inputTop = header + statusLine + band + main + reasoning + banner;
  return {
    ...base,
    tooSmall: false,
    header,
    statusLine,
    band,
    main,
    reasoning,
    reasoningForcedFolded: forced,
    banner,
    input: inputBox,
    inputTextRows,
    notice,
    footer,
    inputTop,
  };
}

/** Sum of every row handed out (equals `height` for a normal layout). */
export function layoutTotal(l: Layout): number {
  return l.header + l.statusLine + l.band + l.main + l.reasoning + l.banner + l.input + l.notice + l.footer;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
