/**
 * Saves the conversation as it happens: a store subscriber that appends the question the moment a turn
 * starts, what the reply added at most once per PARTIAL_FLUSH_MS while it streams (partial records, see
 * persistencePartial.ts), and the whole turn once it reaches done, stopped or error. A failing disk (full, read-only, no permission) shows one warning notice
 * and the chat goes on unsaved.
 */
import { normalizeSettings } from '../core/chatSettings.js';
import { processorLabel } from '../core/processorLabel.js';
import type { AppStore } from './store.js';
import type { Turn } from './types.js';
import { log } from '../system/log.js';
import { ConversationFile, newConversationId } from '../system/persistence.js';
import { turnToRecord } from './turnRecord.js';
import { lockConversation, type LockOwner, type LockResult } from '../system/conversationLock.js';
import type { TurnRecord } from '../system/persistenceFormat.js';
import { ensurePrivateDir } from '../system/safeFiles.js';
import { nextPartial, type PartialProgress, type PartialRecord } from '../system/persistencePartial.js';

/** Least time between two partial writes of a streaming reply (the write rate is bounded by this). */
export const PARTIAL_FLUSH_MS = 1000;
import { showNotice } from './notices.js';

export interface SaverDeps {
  store: AppStore;
  dir: string;
  /** Wall clock (tests fix it). */
  clock?: () => Date;
  /** The /api/chat options sent with each request, as the session composes them (saved with the turn). */
  options?: () => Record<string, unknown> | undefined;
  /** Takes a conversation's lock (tests replace it); see conversationLock.ts. */
  lock?: (dir: string, id: string) => LockResult;
}

/** Why a conversation could not be written, in words, from the file system error code. */
export function saveFailureReason(code: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of that folder';
    default:
      return code;
  }
}

export class ConversationSaver {
  private file: ConversationFile | undefined;
  /** Turns before this index are final and saved (turns are only ever appended). */
  private savedUpTo = 0;
  private warned = false;
  private unsubscribe: (() => void) | undefined;
  private readonly clock: () => Date;
  /** The streaming turn's partial records so far (it is turns[savedUpTo]). */
  private partial: (PartialProgress & { turnId: number; lastAt: number }) | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Releases the lock of the conversation this saver writes (undefined: it holds none). */
  private unlock: (() => void) | undefined;
  /**
   * Turns of a conversation another r1-tui holds: shown read-only; the first new turn starts a NEW
   * conversation file that begins with copies of these (never a second writer on the same file).
   */
  private forkFrom: readonly TurnRecord[] | undefined;

  constructor(private readonly deps: SaverDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Path of the file being written (undefined until the first turn is saved). */
  get path(): string | undefined {
    return this.file?.path;
  }

  get id(): string | undefined {
    return this.file?.id;
  }

  /** Subscribe to the store. Turns already in it (a resumed conversation) count as saved. */
  attach(): () => void {
    this.savedUpTo = this.deps.store.getState().turns.length;
    this.unsubscribe = this.deps.store.subscribe(() => this.check());
    return () => this.detach();
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.clearTimer();
    this.releaseLock();
  }

  /** Gives up this process's lock on its conversation (at exit; also safe to call twice). */
  releaseLock(): void {
    this.unlock?.();
    this.unlock = undefined;
  }

  private takeLock(id: string): LockResult {
    const result = (this.deps.lock ?? lockConversation)(this.deps.dir, id);
    if (result.ok) this.unlock = result.release;
    return result;
  }

  private clearTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /** Save every turn that has finished and is not saved yet. Called on each store notification and at exit. */
  check(): void {
    const turns = this.deps.store.getState().turns;
    if (turns.length < this.savedUpTo) this.savedUpTo = 0; // the store was cleared behind our back
    while (this.savedUpTo < turns.length) {
      const turn = turns[this.savedUpTo]!;
      if (turn.status === 'streaming') {
        this.savePartial(turn);
        return;
      }
      this.save(turn);
      this.savedUpTo++;
    }
  }

  /** At exit: save what is finished, and a turn still streaming as stopped (nothing received is lost). */
  finish(why = 'r1-tui was closed while this answer was streaming.'): void {
    this.check();
    const turns = this.deps.store.getState().turns;
    const open = turns[this.savedUpTo];
    if (open?.status === 'streaming') {
      this.save({ ...open, status: 'stopped', error: open.error ?? why });
      this.savedUpTo++;
    }
  }

  /** The next turn goes to a new file. `keep` = turns now in the store that are already saved. */
  startNew(keep = 0): void {
    this.releaseLock();
    this.forkFrom = undefined;
    this.file = undefined;
    this.savedUpTo = keep;
    this.partial = undefined;
    this.clearTimer();
  }

  /**
   * Continue an existing conversation file (after loading its `records` into the store). When another
   * r1-tui holds its lock, returns the owner: the turns stay read-only and the next turn starts a new
   * conversation that begins with copies of them.
   */
  adopt(id: string, records: readonly TurnRecord[]): { ok: true } | { ok: false; owner: LockOwner } {
    this.releaseLock();
    this.savedUpTo = records.length;
    this.partial = undefined;
    this.forkFrom = undefined;
    this.clearTimer();
    const lock = this.takeLock(id);
    if (lock.ok) {
      this.file = new ConversationFile(this.deps.dir, id);
      return { ok: true };
    }
    this.file = undefined;
    this.forkFrom = records;
    return { ok: false, owner: lock.owner };
  }

  /**
   * The question at once, then what the reply added, at most once per PARTIAL_FLUSH_MS (a timer writes
   * the last growth when the stream goes quiet). Each write is one whole line; see persistence.ts.
   */
  private savePartial(turn: Turn): void {
    const now = this.clock();
    if (this.partial?.turnId !== turn.id) {
      this.clearTimer();
      this.partial = { key: `${now.getTime().toString(36)}-${turn.id}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`, seq: 0, thinking: '', answer: '', turnId: turn.id, lastAt: 0 };
      const first = nextPartial(this.partial, { thinking: turn.thinking, answer: turn.answer, savedAt: now });
      if (first) this.write({ ...first, ...this.requestFields(turn) });
      this.partial.lastAt = now.getTime();
      return;
    }
    const wait = this.partial.lastAt + PARTIAL_FLUSH_MS - now.getTime();
    if (wait > 0) {
      this.flushTimer ??= setTimeout(() => {
        this.flushTimer = undefined;
        this.check();
      }, wait);
      this.flushTimer.unref?.();
      return;
    }
    const next = nextPartial(this.partial, { thinking: turn.thinking, answer: turn.answer, savedAt: now });
    if (!next) return;
    this.partial.lastAt = now.getTime();
    this.write(next);
  }

  /** The question and the request's settings, carried by a turn's first partial record. */
  private requestFields(turn: Turn): Partial<PartialRecord> {
    const options = this.deps.options?.();
    const system = normalizeSettings(this.deps.store.getState().chatSettings).system;
    return {
      user: turn.user,
      model: turn.model,
      ...(turn.host !== undefined ? { host: { name: turn.host.name, url: turn.host.url } } : {}),
      ...(turn.quantization !== undefined ? { quantization: turn.quantization } : {}),
      ...(turn.think !== undefined ? { think: turn.think } : {}),
      ...(options && Object.keys(options).length > 0 ? { options } : {}),
      ...(system ? { system } : {}),
    };
  }

  private processorOf(turn: Turn): string | undefined {
    const ps = this.deps.store.getState().placement.models.find((m) => m.name === turn.model || m.model === turn.model);
    return ps ? processorLabel(ps.size, ps.size_vram) : undefined;
  }

  private save(turn: Turn): void {
    const processor = this.processorOf(turn);
    const options = this.deps.options?.();
    const system = normalizeSettings(this.deps.store.getState().chatSettings).system;
    const record = turnToRecord(turn, {
      savedAt: this.clock(),
      ...(options ? { options } : {}),
      ...(system ? { system } : {}),
      ...(processor ? { processor } : {}),
    });
    if (this.partial?.turnId === turn.id) record.key = this.partial.key;
    this.partial = undefined;
    this.clearTimer();
    this.write(record);
  }

  private write(record: Parameters<ConversationFile['append']>[0]): void {
    try {
      if (!this.file) {
        const file = new ConversationFile(this.deps.dir, newConversationId(this.clock()));
        ensurePrivateDir(this.deps.dir);
        this.takeLock(file.id);
        this.file = file;
        for (const copy of this.forkFrom ?? []) file.append(copy, false);
        this.forkFrom = undefined;
      }
      this.file.append(record);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      log.warn('conversation not saved', { dir: this.deps.dir, code, message: (err as Error).message });
      if (this.warned) return;
      this.warned = true;
      const why = saveFailureReason(code);
      // inside the store's listener: no flush here, the store's next tick draws it
      showNotice(this.deps.store, `Could not save this conversation to ${this.deps.dir} (${why}); the chat goes on unsaved.`, 'warn', { flush: false });
    }
  }
}
