/**
 * The stream Ink renders into. Ink runs in debug mode (render(..., {debug: true, stdout: this})), where
 * every React commit writes the whole frame to stdout with no throttle and no erasing: exactly the
 * input the screen writer wants, with no patch to Ink. This object looks like a TTY to Ink (isTTY,
 * columns, rows, 'resize'), keeps the latest frame, and hands it to the ScreenWriter at most once per
 * `frameMs`; the bytes go to the real terminal. A frame that follows a keystroke is drawn at once
 * (input urgency, see inputUrgency.ts). dispose() stops every write (before the terminal is restored).
 */
import { EventEmitter } from 'node:events';
import { ScreenWriter, type Caret } from './writer.js';

export interface TerminalOut {
  columns?: number;
  rows?: number;
  write(data: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export interface InkScreenOptions {
  /** Least time between two frames sent to the terminal (default 33 ms, ~30 frames/s). */
  frameMs?: number;
  /** The terminal shows a blank screen now (a fresh alternate screen): the first frame needs no clear. */
  blank?: boolean;
  /** True when the frame being written follows a keystroke: drawn at once, not held by frameMs. */
  urgent?: () => boolean;
  now?: () => number;
}

type WriteCallback = (error?: Error | null) => void;

export class InkScreen extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  private readonly writer: ScreenWriter;
  private readonly frameMs: number;
  private readonly urgent: () => boolean;
  private readonly now: () => number;
  private pending: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = -Infinity;
  private disposed = false;
  /** Suspended (Ctrl+Z): the terminal is the shell's; frames wait until repaint(). */
  private held = false;
  /** Bytes and frames sent to the terminal (the bench and tests read them). */
  bytes = 0;
  frames = 0;

  constructor(private readonly out: TerminalOut, options: InkScreenOptions = {}) {
    super();
    this.columns = out.columns && out.columns > 0 ? out.columns : 80;
    this.rows = out.rows && out.rows > 0 ? out.rows : 24;
    this.writer = new ScreenWriter(this.columns, this.rows, { blank: options.blank });
    this.frameMs = options.frameMs ?? 33;
    this.urgent = options.urgent ?? (() => false);
    this.now = options.now ?? (() => performance.now());
    out.on('resize', this.onResize);
  }

  /** Ink's writes: each one is a whole frame in debug mode ('' from its resize clear is ignored). */
  write(chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text !== '' && !this.disposed) this.offer(text);
    done?.();
    return true;
  }

  /** Where the terminal cursor rests (the input caret), or undefined to hide it; drawn with the next frame. */
  setCaret(caret: Caret | undefined): void {
    this.writer.setCaret(caret);
  }

  /** The terminal is being handed back to the shell (suspend): write nothing until repaint(). */
  hold(): void {
    this.held = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Redraw everything (after SIGCONT, or when something else wrote to the terminal); ends a hold. */
  repaint(): void {
    if (this.disposed) return;
    this.held = false;
    this.writer.repaint();
    const frame = this.pending ?? this.writer.frame;
    if (frame !== undefined) {
      this.pending = frame;
      this.flush();
    }
  }

  /** Send the pending frame now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.held) return;
    const frame = this.pending;
    this.pending = undefined;
    if (frame === undefined || this.disposed) return;
    this.lastSent = this.now();
    const bytes = this.writer.render(frame);
    if (bytes === '') return;
    this.bytes += Buffer.byteLength(bytes);
    this.frames++;
    this.out.write(bytes);
  }

  /** Stop writing to the terminal (it is about to be restored); idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.out.off('resize', this.onResize);
  }

  private offer(frame: string): void {
    this.pending = frame;
    if (this.held) return;
    const wait = this.lastSent + this.frameMs - this.now();
    if (wait <= 0 || this.urgent()) {
      this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref?.();
    }
  }

  private readonly onResize = (): void => {
    if (this.disposed) return;
    const columns = this.out.columns && this.out.columns > 0 ? this.out.columns : this.columns;
    const rows = this.out.rows && this.out.rows > 0 ? this.out.rows : this.rows;
    this.columns = columns;
    this.rows = rows;
    this.writer.resize(columns, rows);
    // Ink and the app's useTerminalSize listen here; Ink renders the new frame synchronously
    this.emit('resize');
    if (this.pending !== undefined) this.flush();
  };
}
