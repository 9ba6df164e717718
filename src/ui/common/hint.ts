/**
 * The UI's key feedback ("Stopping… press Ctrl+C again to quit.", "Settings not changed.", why a key
 * did nothing): the shell's `ui.hint` (useShellState), drawn on the notice row over the store's notice.
 *
 * It is not a second home for notices. A notice (state.notice, written only by session/notices.ts) is
 * app state: a controller's news (a model loaded, the server is unreachable), kept until its owner
 * replaces or clears it, or Esc dismisses it. A hint is view state, like the open overlay: it answers
 * the last key and is gone at the next typed key, a send, Esc, the end of the generation it was about,
 * or its flash timer, and then the notice under it shows again. Storing hints would make every key a
 * store write and would lose the notice a hint covered.
 */
import type { Notice } from '../../session/types.js';

/** Same shape as a notice (text and level), never stored. */
export type UiHint = Pick<Notice, 'text' | 'level'>;
