/**
 * Conversation actions for the UI and the CLI: list, open, start new, resume the latest, export.
 * Every failure becomes a notice or an error sentence; none throws into the UI.
 */
import { settingsFromRecord } from '../core/chatSettings.js';
import { conversationMarkdown, type ExportTurn } from '../core/markdownExport.js';
import { stripCredentials } from './hostList.js';
import type { AppStore } from './store.js';
import type { ConversationActions, Notice } from './types.js';
import { listConversations, loadConversation, writePrivateFile, type LoadedConversation } from '../system/persistence.js';
import { type TurnRecord } from '../system/persistenceFormat.js';
import type { ConversationSaver } from './persistenceSaver.js';
import { recordToTurn } from './turnRecord.js';
import type { LockOwner } from '../system/conversationLock.js';
import { FileRefusedError } from '../system/safeFiles.js';

/** Why a conversation file could not be read: the refusal's own sentence, or the error code. */
function readProblem(err: unknown): string {
  return err instanceof FileRefusedError ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
}
import { showNotice } from './notices.js';

const notice = (store: AppStore, text: string, level: Notice['level'] = 'info'): void => void showNotice(store, text, level);

function loadedSentence(loaded: LoadedConversation): string {
  const skipped = loaded.problems.length + (loaded.tornTail ? 1 : 0);
  const base = `Opened a conversation of ${loaded.records.length} turn(s) from ${loaded.path}`;
  return skipped > 0 ? `${base}; ${skipped} unreadable line(s) skipped (${loaded.problems[0] ?? 'last line cut off'}).` : `${base}.`;
}

/** The notice when another r1-tui writes that conversation: what the user sees and what sending does. */
export function lockedSentence(loaded: LoadedConversation, owner: LockOwner): string {
  // the key facts first: a notice row is one line and a narrow terminal cuts the end
  const who = owner.pid > 0 ? `another r1-tui (pid ${owner.pid}${owner.since ? `, since ${owner.since.slice(11, 16)} UTC` : ''})` : 'another r1-tui';
  return (
    `Read-only: ${who} is writing this conversation (${loaded.records.length} turn(s)); what you send starts ` +
    `a new conversation that begins with a copy of these turns (Ctrl+N for an empty one).`
  );
}

/** Adopt a loaded conversation for writing, or read-only when another process holds it; the notice to show. */
function adoptLoaded(saver: ConversationSaver, loaded: LoadedConversation): { text: string; level: Notice['level'] } {
  const adopted = saver.adopt(loaded.id, loaded.records);
  if (!adopted.ok) return { text: lockedSentence(loaded, adopted.owner), level: 'warn' };
  return { text: loadedSentence(loaded), level: loaded.problems.length ? 'warn' : 'info' };
}

/** Put saved turns into the store (replacing the chat). Turn ids restart at 1. */
export function loadIntoStore(store: AppStore, records: readonly TurnRecord[]): void {
  const base = performance.now();
  const turns = records.map((r, i) => recordToTurn(r, i + 1, base));
  // the conversation's system prompt and sampling options are those of its last turn (none when new)
  const last = records.at(-1);
  const chatSettings = last ? settingsFromRecord(last) : {};
  store.update({ turns, loop: null, chatSettings });
  store.flush();
}

/** `--resume`: load the most recent conversation. Returns a sentence for the notice line. */
export function resumeLatest(store: AppStore, saver: ConversationSaver, dir: string): { text: string; level: Notice['level'] } {
  const { conversations, skipped } = listConversations(dir);
  const latest = conversations[0];
  if (!latest) {
    const why = skipped.length > 0 ? ` (${skipped.length} unreadable file(s) skipped: ${skipped[0]})` : '';
    return { text: `No saved conversation to resume in ${dir}${why}; starting a new one.`, level: skipped.length ? 'warn' : 'info' };
  }
  try {
    const loaded = loadConversation(dir, latest.id);
    const said = adoptLoaded(saver, loaded);
    loadIntoStore(store, loaded.records);
    return said;
  } catch (err) {
    return { text: `Could not read ${latest.path} (${readProblem(err)}); starting a new conversation.`, level: 'warn' };
  }
}

export function recordsToExport(records: readonly TurnRecord[]): ExportTurn[] {
  return records.map((r) => {
    const t: ExportTurn = {
      user: r.user,
      thinking: r.thinking,
      answer: r.answer,
      model: r.model,
      status: r.status,
      savedAt: r.savedAt,
      thinkingTokens: r.thinkingTokens,
    };
    if (r.error) t.error = r.error;
    if (r.metrics) t.metrics = r.metrics;
    if (r.processor) t.processor = r.processor;
    if (r.host && typeof r.host.name === 'string' && typeof r.host.url === 'string') t.host = { name: r.host.name, url: stripCredentials(r.host.url) };
    const first = r.timing.firstThinking;
    const last = r.timing.firstAnswer ?? r.timing.lastThinking ?? r.timing.ended;
    if (first !== undefined && last !== undefined && last >= first) t.thinkMs = last - first;
    return t;
  });
}

/** Export conversation `id` (or the latest) to `file`. Throws an Error with a human sentence. */
export function exportConversation(dir: string, file: string, opts: { id?: string; reasoning: boolean }): { path: string; turns: number } {
  const id = opts.id ?? listConversations(dir).conversations[0]?.id;
  if (!id) throw new Error(`no saved conversation in ${dir} to export`);
  let loaded: LoadedConversation;
  try {
    loaded = loadConversation(dir, id);
  } catch (err) {
    throw new Error(`could not read conversation ${id} (${readProblem(err)})`);
  }
  const last = loaded.records.at(-1);
  const markdown = conversationMarkdown(recordsToExport(loaded.records), {
    reasoning: opts.reasoning,
    title: `r1-tui conversation ${id}`,
    ...(last ? { settings: settingsFromRecord(last) } : {}),
  });
  const path = writePrivateFile(file, markdown);
  return { path, turns: loaded.records.length };
}

export interface ConversationActionDeps {
  store: AppStore;
  saver: ConversationSaver;
  dir: string;
  /** True while a turn streams (switching then is refused). */
  busy: () => boolean;
  /** Where the list's export key writes (default: ./r1-tui-<id>.md). */
  exportPath?: (id: string) => string;
}

export function createConversationActions(deps: ConversationActionDeps): ConversationActions {
  const { store, saver, dir } = deps;
  const refuseWhileBusy = (): boolean => {
    if (!deps.busy()) return false;
    notice(store, 'A reply is still streaming: press Esc to stop it first.', 'warn');
    return true;
  };
  return {
    list() {
      const { conversations, skipped } = listConversations(dir);
      return { items: conversations, skipped };
    },
    open(id) {
      if (refuseWhileBusy()) return;
      saver.check();
      try {
        const loaded = loadConversation(dir, id);
        const said = adoptLoaded(saver, loaded);
        loadIntoStore(store, loaded.records);
        notice(store, said.text, said.level);
      } catch (err) {
        notice(store, `Could not open that conversation (${readProblem(err)}).`, 'error');
      }
    },
    startNew() {
      if (refuseWhileBusy()) return;
      saver.check();
      saver.startNew(0);
      loadIntoStore(store, []);
      notice(store, 'New conversation.');
    },
    exportMarkdown(id, reasoning) {
      try {
        const file = deps.exportPath?.(id) ?? `r1-tui-${id}.md`;
        const done = exportConversation(dir, file, { id, reasoning });
        return `Exported ${done.turns} turn(s) to ${done.path}.`;
      } catch (err) {
        return `Export failed: ${(err as Error).message}.`;
      }
    },
  };
}
