/**
 * Detects R1 "thinking loops": the reasoning starts repeating the same passage over and over.
 *
 * Method: the thinking text is cut into word tokens (lower-cased, punctuation dropped; every CJK
 * ideograph/kana is a token of its own) and into overlapping shingles of SHINGLE_WORDS tokens. Each
 * shingle is counted over a long history window. A shingle counts as "repeated" when it had already
 * been seen at least REPEATS_BEFORE times when it arrived (so it is at least the 3rd copy). The
 * detector reports a loop when, over the most recent RECENT_SHINGLES shingles, at least ON_SHARE of
 * them were repeated, and at least MIN_TOKENS tokens were seen. It clears again (hysteresis) when the
 * share falls below OFF_SHARE.
 *
 * Why this shape: ordinary reasoning reuses short phrases ("Wait,", "Let me check", "the user wants")
 * but almost never the same 8-word run three times, and never for most of 200 words in a row. A loop
 * repeats whole paragraphs, so nearly every shingle of the third and later copies is a repeat, even
 * when a few words vary between copies. A paragraph of P words repeated is flagged after at most about
 * 2·P + RECENT_SHINGLES·ON_SHARE words.
 *
 * Cost: O(chunk length × SHINGLE_WORDS) per push. Memory: bounded by HISTORY_SHINGLES keys.
 */

export const SHINGLE_WORDS = 8;
export const HISTORY_SHINGLES = 4000;
export const RECENT_SHINGLES = 200;
export const REPEATS_BEFORE = 2;
export const ON_SHARE = 0.5;
export const OFF_SHARE = 0.2;
export const MIN_TOKENS = 250;
const MAX_PENDING_WORD = 200;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}_'’]+/gu;
const TRAILING_WORD = /[\p{L}\p{N}_'’]+$/u;

export class LoopDetector {
  private _looping = false;
  private _evidence: string | undefined;
  /** Last SHINGLE_WORDS tokens (normalized) and their original spelling. */
  private lastTokens: string[] = [];
  private lastOriginal: string[] = [];
  private tokenCount = 0;
  /** A word that may continue in the next chunk. */
  private pendingWord = '';
  private counts = new Map<string, number>();
  private history: string[] = [];
  private historyHead = 0;
  /** For the recent shingles: key and whether it was a repeat when it arrived. */
  private recent: Array<{ key: string; phrase: string; repeated: boolean }> = [];
  private recentHead = 0;
  private recentRepeated = 0;

  get looping(): boolean {
    return this._looping;
  }

  /** The repeated passage (original words) while looping. */
  get evidence(): string | undefined {
    return this._evidence;
  }

  push(text: string): void {
    if (!text) return;
    const spaced = (this.pendingWord + text).replace(CJK, ' $& ');
    const tail = TRAILING_WORD.exec(spaced);
    let complete = spaced;
    this.pendingWord = '';
    if (tail && tail[0].length <= MAX_PENDING_WORD) {
      this.pendingWord = tail[0];
      complete = spaced.slice(0, spaced.length - tail[0].length);
    }
    for (const m of complete.matchAll(WORD)) this.addToken(m[0]);
  }

  reset(): void {
    this._looping = false;
    this._evidence = undefined;
    this.lastTokens = [];
    this.lastOriginal = [];
    this.tokenCount = 0;
    this.pendingWord = '';
    this.counts.clear();
    this.history = [];
    this.historyHead = 0;
    this.recent = [];
    this.recentHead = 0;
    this.recentRepeated = 0;
  }

  private addToken(word: string): void {
    this.tokenCount++;
    this.lastTokens.push(word.toLowerCase().replace(/[’]/g, "'"));
    this.lastOriginal.push(word);
    if (this.lastTokens.length > SHINGLE_WORDS) {
      this.lastTokens.shift();
      this.lastOriginal.shift();
    }
    if (this.lastTokens.length < SHINGLE_WORDS) return;
    const key = this.lastTokens.join(' ');
    const seen = this.counts.get(key) ?? 0;
    this.counts.set(key, seen + 1);
    this.history.push(key);
    if (this.history.length - this.historyHead > HISTORY_SHINGLES) this.forgetOldest();

    const repeated = seen >= REPEATS_BEFORE;
    this.recent.push({ key, phrase: this.lastOriginal.join(' '), repeated });
    if (repeated) this.recentRepeated++;
    if (this.recent.length - this.recentHead > RECENT_SHINGLES) {
      if (this.recent[this.recentHead]!.repeated) this.recentRepeated--;
      this.recentHead++;
      if (this.recentHead > RECENT_SHINGLES * 4) {
        this.recent = this.recent.slice(this.recentHead);
        this.recentHead = 0;
      }
    }
    // Evaluated per token so the result does not depend on how the text was chunked.
    this.updateState();
  }

  private forgetOldest(): void {
    const old = this.history[this.historyHead++]!;
    const n = (this.counts.get(old) ?? 1) - 1;
    if (n <= 0) this.counts.delete(old);
    else this.counts.set(old, n);
    if (this.historyHead > HISTORY_SHINGLES) {
      this.history = this.history.slice(this.historyHead);
      this.historyHead = 0;
    }
  }

  private updateState(): void {
    const window = this.recent.length - this.recentHead;
    if (this.tokenCount < MIN_TOKENS || window < RECENT_SHINGLES) {
      return;
    }
    const share = this.recentRepeated / window;
    if (!this._looping && share >= ON_SHARE) {
      this._looping = true;
      this._evidence = this.mostRepeatedPhrase();
    } else if (this._looping && share < OFF_SHARE) {
      this._looping = false;
      this._evidence = undefined;
    }
  }

  /** The most often seen shingle among the recent ones, in its original spelling. */
  private mostRepeatedPhrase(): string {
    let best = '';
    let bestCount = -1;
    for (let i = this.recentHead; i < this.recent.length; i++) {
      const r = this.recent[i]!;
      const c = this.counts.get(r.key) ?? 0;
      if (c > bestCount) {
        best = r.phrase;
        bestCount = c;
      }
    }
    return best;
  }
}
