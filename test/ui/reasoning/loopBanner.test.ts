import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/core/wrap.js';
import { loopBannerRow, loopBannerText } from '../../../src/ui/reasoning/loopBannerView.js';
import { rowWidth } from '../../../src/ui/common/row.js';

describe('loop banner', () => {
  it('quotes the repeated text and names the keys when there is room', () => {
    expect(loopBannerText('Wait, maybe I should check again.', 120)).toBe(
      '⟳ The model seems to be repeating itself ("Wait, maybe I should check again."). Esc stop · Ctrl+R stop and re-ask',
    );
  });

  it('keeps a shortened quote and both keys at 80 columns', () => {
    const text = loopBannerText('Wait, maybe I should check the calculation again from the start.', 80);
    expect(displayWidth(text)).toBeLessThanOrEqual(80);
    expect(text).toContain('("Wait, maybe');
    expect(text).toContain('…"');
    expect(text).toContain('Esc stop · Ctrl+R stop and re-ask');
  });

  it('keeps both keys at 38 columns', () => {
    const text = loopBannerText('Wait, maybe…', 38);
    expect(displayWidth(text)).toBeLessThanOrEqual(38);
    expect(text).toContain('Esc stop');
    expect(text).toContain('Ctrl+R');
  });

  it('sanitizes the evidence and puts it on one line', () => {
    const text = loopBannerText('Wait,\n\u001b]52;c;ZXZpbA==\u0007 maybe\u202e', 120);
    expect(text).toContain('("Wait, maybe")');
    expect(text).not.toMatch(/[\u001b\u0007\u202e\n]/);
  });

  it('is exactly one row of the given width', () => {
    for (const w of [20, 38, 80, 120]) expect(rowWidth(loopBannerRow('Wait, maybe', w))).toBe(w);
  });
});
