/**
 * What `think` value a request carries. Rules:
 * - model with the `thinking` capability → `true` unless the user cycled it to something else;
 * - model without it (or capabilities unknown) → leave `think` out (the server decides; old servers then
 *   send raw <think> tags, which ThinkSplitter handles);
 * - level strings only when the server is 0.11+ and has not rejected a level before; "max" only from 0.21.3.
 */
import { compareVersions, serverAcceptsThinkLevels, serverAcceptsThinkMax } from './version.js';
import { THINK_LEVELS, type ThinkValue } from '../core/chatTypes.js';

export function hasThinking(capabilities: readonly string[] | undefined): boolean {
  return capabilities?.includes('thinking') ?? false;
}

/** The cycle order for cycleThink (empty when the model cannot think). */
export function thinkOptions(capabilities: readonly string[] | undefined, serverVersion: string | undefined, levelsRejected: boolean): ThinkValue[] {
  if (!hasThinking(capabilities)) return [];
  const levels = serverAcceptsThinkLevels(serverVersion) && !levelsRejected ? THINK_LEVELS : [];
  const max: ThinkValue[] = levels.length > 0 && serverAcceptsThinkMax(serverVersion) ? ['max'] : [];
  return [true, false, ...levels, ...max];
}

/** The value for a (newly chosen) model: the user's preference if the model allows it, else on. */
export function defaultThink(options: readonly ThinkValue[], preference: ThinkValue | undefined): ThinkValue | undefined {
  if (options.length === 0) return undefined;
  if (preference !== undefined && options.includes(preference)) return preference;
  return true;
}

/** on → off → levels → on. */
export function nextThink(current: ThinkValue | undefined, options: readonly ThinkValue[]): ThinkValue | undefined {
  if (options.length === 0) return undefined;
  const i = current === undefined ? -1 : options.indexOf(current);
  return options[(i + 1) % options.length];
}

/** A name that says the model reasons (deepseek-r1 and its distills, QwQ). */
const THINKING_NAME = /(^|[/:_-])(deepseek-r1|r1-distill|qwq)|[-_]r1([-_:]|$)/i;

/**
 * Will the reply's content start with reasoning that may lack an opening `<think>`? For a model known
 * to think (capability or name) whose reasoning the server does not split out: `think` left out on a
 * server before 0.12.4 (or without the capability: an old pull), or any request to a server before
 * 0.9.0. Never when the request said think:false.
 */
export function expectsUntaggedReasoning(model: string, capabilities: readonly string[] | undefined, think: ThinkValue | undefined, serverVersion: string | undefined): boolean {
  if (think === false) return false;
  const knownThinker = hasThinking(capabilities) || THINKING_NAME.test(model);
  if (!knownThinker) return false;
  const atLeast = (v: string) => serverVersion !== undefined && compareVersions(serverVersion, v) >= 0;
  if (!atLeast('0.9.0')) return true;
  if (think !== undefined) return false; // think sent to 0.9+: the server splits reasoning into its own field
  return !(hasThinking(capabilities) && atLeast('0.12.4'));
}

/** Short label for the UI ("on", "off", "high"). */
export function thinkLabel(value: ThinkValue | undefined): string {
  if (value === undefined) return 'auto';
  if (value === true) return 'on';
  if (value === false) return 'off';
  return value;
}
