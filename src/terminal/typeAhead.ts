/**
 * Type-ahead: keys typed before r1-tui switched the terminal to raw mode were read by the terminal in
 * cooked mode, where Enter arrives as a line feed (ICRNL), which in raw mode is Ctrl+J (a newline in the
 * draft). "question⏎" typed while the app starts would become a draft with a line break and not be sent.
 *
 * The first batch of bytes the app reads, when it comes within TYPE_AHEAD_MS of start-up, is the type-ahead
 * (the kernel hands over everything that was waiting in one go): each line feed in it is
 * the Enter the user pressed. They are handed to Ink as separate reads so each is its own key: the lines
 * with a Ctrl+J between them (one message, as the lines were typed before anything could be sent), the
 * last line feed as Enter (CR), and what follows it as typed text. The session holds a message sent
 * while it is still connecting until a model is ready (StreamController.waitForModel).
 * After that batch (the first empty read after data) stdin passes through untouched. A paste as the very
 * first action from a terminal that pastes line feeds (most paste CR) would be taken for type-ahead too;
 * a Ctrl+J as the very first key is an Enter on an empty box, which sends nothing.
 */

/** Type-ahead is read right after Ink mounts; later first input is typed in raw mode. */
export const TYPE_AHEAD_MS = 2000;

interface ReadLike {
  read(size?: number): unknown;
}

/** Split type-ahead text into the reads Ink should see (pure; see the module comment). */
export function typeAheadPieces(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length === 1) return [text];
  const pieces: string[] = [];
  lines.forEach((line, i) => {
    if (line !== '') pieces.push(line);
    if (i < lines.length - 2) pieces.push('\n');
    else if (i === lines.length - 2) pieces.push('\r');
  });
  return pieces;
}

/** Wrap stdin.read so the first batch of reads is type-ahead. Returns a function that unwraps it. */
export function translateTypeAhead(stdin: ReadLike, now: () => number = () => performance.now()): () => void {
  const original = stdin.read;
  const queue: string[] = [];
  const until = now() + TYPE_AHEAD_MS;
  let first = true;
  let sawData = false;
  stdin.read = function readTypeAhead(this: unknown, size?: number): unknown {
    if (queue.length > 0) return queue.shift();
    const chunk = original.call(this, size);
    if (!first) return chunk;
    if (chunk === null || chunk === undefined) {
      if (sawData) first = false;
      return chunk;
    }
    if (!sawData && now() > until) first = false;
    sawData = true;
    if (!first || typeof chunk !== 'string' || !chunk.includes('\n')) return chunk;
    queue.push(...typeAheadPieces(chunk));
    return queue.shift() ?? '';
  };
  return () => {
    stdin.read = original;
  };
}
