/**
 * A saved conversation as a Markdown document: each question as a quote, the reasoning as a
 * `<details><summary>Thought …</summary>` block (or left out), the answer as is, and one line of
 * statistics. Pure: the caller reads and writes files.
 */
import { normalizeSettings, settingsSummary, type ChatSettings } from './chatSettings.js';
import { formatCount, formatSeconds } from './format.js';
import { sanitize } from './sanitize.js';
import { evalRate, formatRate } from './verbose.js';
import type { FinalMetrics } from './chatTypes.js';

export interface ExportTurn {
  user: string;
  thinking: string;
  answer: string;
  model: string;
  /** The host that answered (name and URL). */
  host?: { name: string; url: string };
  status: 'done' | 'stopped' | 'error';
  error?: string;
  metrics?: FinalMetrics;
  processor?: string;
  savedAt?: string;
  thinkingTokens?: number;
  /** ms spent thinking, when known. */
  thinkMs?: number;
}

export interface ExportOptions {
  reasoning: boolean;
  title?: string;
  /** The conversation's system prompt and sampling options, shown once under the title. */
  settings?: ChatSettings;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}

/** `<` and `&` escaped so reasoning text cannot close the details block or inject HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function statsLine(turn: ExportTurn): string {
  const parts = [turn.model];
  if (turn.host) parts.push(turn.host.name === hostOfUrl(turn.host.url) ? `on ${turn.host.url}` : `on ${turn.host.name} (${turn.host.url})`);
  const rate = turn.metrics ? evalRate(turn.metrics) : undefined;
  if (rate !== undefined) parts.push(`${formatRate(rate)} tok/s`);
  if (turn.metrics?.evalCount) parts.push(`${formatCount(turn.metrics.evalCount)} tokens`);
  if (turn.processor) parts.push(turn.processor);
  if (turn.savedAt) parts.push(turn.savedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
  return `<sub>${escapeHtml(parts.join(' · '))}</sub>`;
}

/** `http://box:8000/v1` → `box:8000/v1`. */
function hostOfUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
}

function thoughtSummary(turn: ExportTurn): string {
  const bits = ['Thought'];
  if (turn.thinkMs !== undefined) bits.push(formatSeconds(turn.thinkMs));
  if (turn.thinkingTokens) bits.push(`${formatCount(turn.thinkingTokens)} tok`);
  return bits.join(' · ').replace('Thought · ', 'Thought ');
}

export function conversationMarkdown(turns: readonly ExportTurn[], opts: ExportOptions): string {
  const out: string[] = [`# ${opts.title ?? 'r1-tui conversation'}`, ''];
  const settings = normalizeSettings(opts.settings);
  if (settings.options) out.push(`Options: ${escapeHtml(settingsSummary({ options: settings.options }))}`, '');
  if (settings.system !== undefined) out.push('System prompt:', '', '```text', sanitize(settings.system).replace(/```/g, "'''"), '```', '');
  turns.forEach((turn, i) => {
    out.push(`## ${i + 1}. You`, '', quote(sanitize(turn.user)), '');
    out.push(`### ${turn.model}`, '');
    const thinking = sanitize(turn.thinking).trim();
    if (opts.reasoning && thinking !== '') {
      out.push('<details>', `<summary>${escapeHtml(thoughtSummary(turn))}</summary>`, '', '<pre>', escapeHtml(thinking), '</pre>', '', '</details>', '');
    }
    const answer = sanitize(turn.answer).trim();
    if (answer !== '') out.push(answer, '');
    if (turn.status === 'stopped') out.push(`*[stopped]${turn.error ? ` ${sanitize(turn.error)}` : ''}*`, '');
    if (turn.status === 'error') out.push(`*[error] ${sanitize(turn.error ?? 'the request failed')}*`, '');
    out.push(statsLine(turn), '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
