/**
 * Node module-loader hooks (registered by src/terminal/inkPatchLoader.ts, called from bin/r1-tui.js)
 * that patch Ink 6.8.0 in memory while its modules load; node_modules is never modified. Each file's
 * patches apply all together or not at all (a different Ink version is left alone).
 *
 * Ink renders in debug mode into r1-tui's own screen writer (src/terminal/screen), so Ink's log-update
 * and its render throttle are not used and need no patch (the two log-update fixes and the keystroke
 * throttle bypass, patches 1, 2 and 7, are gone).
 *
 * build/output.js (CPU per frame; the frame's text is unchanged):
 * 3. Ink re-tokenizes and re-measures every row of every frame because its caches live for one frame.
 *    The caches are shared across frames instead and emptied when they grow past a bound (Ink 8 bounds
 *    its text caches the same way), so unchanged rows cost a map lookup.
 * 4. Every row inside an `overflow="hidden"` box goes through sliceAnsi even when it fits. A row that
 *    fits is kept as it is.
 * 6. Every frame allocates a cell object for each of the width × height cells and turns every row back
 *    into a string. The writes that land on each row are collected instead, and a row whose writes are
 *    the same as in an earlier frame reuses that frame's string (bounded cache); only changed rows are
 *    built cell by cell, exactly as before.
 *
 * build/output.js (memory; the frame's text is unchanged):
 * 8. The shared styled-chars cache (patch 3) holds up to SHARED_STYLED_ROWS rows of character objects
 *    made by @alcalzone/ansi-tokenize's `{ ...token, styles: [...codes] }`. On Node 20 (V8 11.3), once
 *    that spread is optimized every object it makes gets a hidden class of its own (a Map, a
 *    DescriptorArray and a PropertyArray each: ~52,000 of them after 20 long turns at 120x40, 12.6 MB of
 *    the live heap); Node 22/24/26 share one hidden class but still copy `styles` per char. Each row is
 *    copied into plain `{ type, value, fullWidth, styles }` literals (one shared hidden class) with one
 *    styles array per run of characters whose styles are the same codes (nothing writes to a styles
 *    array: Ink's output.js and ansi-tokenize only read them). Same fields, same values.
 *
 * build/render-node-to-output.js (CPU per frame):
 * 5. Every text node's width is measured with an uncached widestLine() on every frame; a bounded
 *    cache shared across frames returns the same number.
 */
export interface SourcePatch {
  bug: string;
  fix: string;
}

/** Bounds of the shared caches: styled rows are ~100 objects each, widths are small strings. */
export const SHARED_STYLED_ROWS = 1024;
export const SHARED_WIDTHS = 8192;
/** Rendered rows kept across frames (a 300-row screen, a few frames of it). */
export const SHARED_ROWS = 2048;

export const INK_OUTPUT_PATCHES: readonly SourcePatch[] = [
  {
    bug: 'export default class Output {',
    fix: [
      'const r1RowCache = new Map();',
      '/** One row from its writes ([x, line, x, line, ...] in order), cell by cell as Output.get does. */',
      'function r1RowText(output, segments) {',
      "    const key = output.width + '\\u0001' + segments.join('\\u0000');",
      '    let text = r1RowCache.get(key);',
      '    if (text !== undefined) return text;',
      '    const cells = [];',
      '    for (let x = 0; x < output.width; x++) {',
      "        cells.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });",
      '    }',
      '    for (let i = 0; i < segments.length; i += 2) {',
      '        let offsetX = segments[i];',
      '        for (const character of output.caches.getStyledChars(segments[i + 1])) {',
      '            cells[offsetX] = character;',
      '            const characterWidth = Math.max(1, output.caches.getStringWidth(character.value));',
      '            for (let index = 1; index < characterWidth; index++) {',
      "                cells[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };",
      '            }',
      '            offsetX += characterWidth;',
      '        }',
      '    }',
      '    text = styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();',
      `    if (r1RowCache.size > ${SHARED_ROWS}) r1RowCache.clear();`,
      '    r1RowCache.set(key, text);',
      '    return text;',
      '}',
      '/** Patch 8: the same chars as plain literals, one styles array per run of equal styles. */',
      'function r1CompactChars(chars) {',
      '    const out = [];',
      '    let styles;',
      '    for (const c of chars) {',
      '        const s = c.styles;',
      '        if (styles === undefined || styles.length !== s.length || styles.some((code, i) => code !== s[i])) styles = s;',
      '        out.push({ type: c.type, value: c.value, fullWidth: c.fullWidth, styles });',
      '    }',
      '    return out;',
      '}',
      'let r1SharedCaches;',
      'function r1OutputCaches() {',
      '    r1SharedCaches ??= new OutputCaches();',
      `    if (r1SharedCaches.styledChars.size > ${SHARED_STYLED_ROWS}) r1SharedCaches.styledChars.clear();`,
      `    if (r1SharedCaches.widths.size > ${SHARED_WIDTHS}) r1SharedCaches.widths.clear();`,
      `    if (r1SharedCaches.blockWidths.size > ${SHARED_WIDTHS}) r1SharedCaches.blockWidths.clear();`,
      '    return r1SharedCaches;',
      '}',
      'export default class Output {',
    ].join('\n'),
  },
  {
    bug: '            cached = styledCharsFromTokens(tokenize(line));',
    fix: '            cached = r1CompactChars(styledCharsFromTokens(tokenize(line)));',
  },
  {
    bug: '    caches = new OutputCaches();',
    fix: '    caches = r1OutputCaches();',
  },
  {
    bug: '                            return sliceAnsi(line, from, to);',
    fix: '                            return from === 0 && to === width ? line : sliceAnsi(line, from, to);',
  },
  {
    bug: [
      '        const output = [];',
      '        for (let y = 0; y < this.height; y++) {',
      '            const row = [];',
      '            for (let x = 0; x < this.width; x++) {',
      '                row.push({',
      "                    type: 'char',",
      "                    value: ' ',",
      '                    fullWidth: false,',
      '                    styles: [],',
      '                });',
      '            }',
      '            output.push(row);',
      '        }',
    ].join('\n'),
    fix: [
      '        const output = [];',
      '        const r1Segments = [];',
      '        for (let y = 0; y < this.height; y++) {',
      '            output.push(true);',
      '            r1Segments.push(undefined);',
      '        }',
    ].join('\n'),
  },
  {
    bug: [
      '                    const characters = this.caches.getStyledChars(line);',
      '                    let offsetX = x;',
      '                    for (const character of characters) {',
      '                        currentLine[offsetX] = character;',
    ].join('\n'),
    fix: [
      '                    (r1Segments[y + offsetY] ??= []).push(x, line);',
      '                    offsetY++;',
      '                    continue;',
      '                    const characters = this.caches.getStyledChars(line);',
      '                    let offsetX = x;',
      '                    for (const character of characters) {',
      '                        currentLine[offsetX] = character;',
    ].join('\n'),
  },
  {
    bug: [
      '        const generatedOutput = output',
      '            .map(line => {',
      '            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742',
      '            const lineWithoutEmptyItems = line.filter(item => item !== undefined);',
      '            return styledCharsToString(lineWithoutEmptyItems).trimEnd();',
      '        })',
      "            .join('\\n');",
    ].join('\n'),
    fix: "        const generatedOutput = r1Segments.map((segments) => (segments === undefined ? '' : r1RowText(this, segments))).join('\\n');",
  },
];

export const INK_RENDER_NODE_PATCHES: readonly SourcePatch[] = [
  {
    bug: 'const renderNodeToOutput = (node, output, options) => {',
    fix: [
      'const r1WidthCache = new Map();',
      'const r1WidestLine = (text) => {',
      '    let width = r1WidthCache.get(text);',
      '    if (width === undefined) {',
      `        if (r1WidthCache.size > ${SHARED_WIDTHS}) r1WidthCache.clear();`,
      '        width = widestLine(text);',
      '        r1WidthCache.set(text, width);',
      '    }',
      '    return width;',
      '};',
      'const renderNodeToOutput = (node, output, options) => {',
    ].join('\n'),
  },
  {
    bug: '                const currentWidth = widestLine(text);',
    fix: '                const currentWidth = r1WidestLine(text);',
  },
];

/** Which Ink file each patch set is for. */
export const INK_PATCHES: Readonly<Record<string, readonly SourcePatch[]>> = {
  'output.js': INK_OUTPUT_PATCHES,
  'render-node-to-output.js': INK_RENDER_NODE_PATCHES,
};

/** True when every patch finds its exact target once (the source is the Ink 6.8.0 they were written for). */
export function canPatch(source: string, patches: readonly SourcePatch[]): boolean {
  return patches.every((p) => source.split(p.bug).length === 2);
}

export function applyPatches(source: string, patches: readonly SourcePatch[]): string {
  if (!canPatch(source, patches)) return source;
  return patches.reduce((text, p) => text.replace(p.bug, p.fix), source);
}

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;
type NextLoadSync = (url: string, context?: unknown) => LoadResult;

function patchesFor(url: string): readonly SourcePatch[] | undefined {
  const match = /\/ink\/build\/([a-z-]+\.js)$/.exec(url);
  return match ? INK_PATCHES[match[1]!] : undefined;
}

/** The loaded module with its patches applied, when it is one of the patched Ink files. */
function patchLoaded(url: string, result: LoadResult): LoadResult {
  const patches = patchesFor(url);
  if (!patches || result.source === undefined || result.source === null) return result;
  const text = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
  return { ...result, source: applyPatches(text, patches) };
}

/** `load` hook for module.register() (asynchronous, runs on the loader thread): Node 20. */
export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  return patchLoaded(url, await nextLoad(url, context));
}

/** `load` hook for module.registerHooks() (synchronous, in-thread): Node 22.15+, 23.5+, 24, 26. */
export function loadSync(url: string, context: unknown, nextLoad: NextLoadSync): LoadResult {
  return patchLoaded(url, nextLoad(url, context));
}
