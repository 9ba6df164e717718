/** The footer keeps the host switcher key at 80 columns when there are several hosts, within width. */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { footerText } from '../../../src/ui/shell/Footer.js';

describe('footer hints', () => {
  it('several hosts: Alt+H stays at 80 columns (Ctrl+J goes first), order kept, F1 help kept', () => {
    expect(footerText(80, true)).toBe(' Enter send · Esc stop · Ctrl+T fold · Ctrl+P models · Alt+H hosts · F1 help');
    expect(footerText(62, true)).toBe(' Enter send · Esc stop · Ctrl+P models · Alt+H hosts · F1 help');
    expect(footerText(61, true)).toBe(' Enter send · Esc stop · Ctrl+P models · F1 help');
    expect(footerText(120, true)).toBe(' Enter send · Esc stop · Ctrl+T fold · Ctrl+J newline · Ctrl+P models · Alt+H hosts · F1 help');
  });

  it('one host: dropped from the end as before', () => {
    expect(footerText(80)).toBe(' Enter send · Esc stop · Ctrl+T fold · Ctrl+J newline · Ctrl+P models · F1 help');
    expect(footerText(120)).toContain('Alt+H hosts');
  });

  it('never wider than the terminal', () => {
    for (const multi of [false, true]) for (let w = 10; w <= 130; w++) expect(displayWidth(footerText(w, multi))).toBeLessThanOrEqual(w);
  });
});
