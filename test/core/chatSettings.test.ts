import { describe, expect, it } from 'vitest';
import { hasSettings, normalizeSettings, parseSamplingField, samplingOptions, settingsFromRecord, settingsSummary } from '../../src/core/chatSettings.js';

describe('conversation settings', () => {
  it('checks each sampling field with a specific sentence; empty means the model default', () => {
    expect(parseSamplingField('temperature', '0.6')).toEqual({ ok: true, value: 0.6 });
    expect(parseSamplingField('temperature', '  ')).toEqual({ ok: true, value: undefined });
    expect(parseSamplingField('top_p', '.95')).toEqual({ ok: true, value: 0.95 });
    expect(parseSamplingField('seed', '-7')).toEqual({ ok: true, value: -7 });
    expect(parseSamplingField('num_predict', '-1')).toEqual({ ok: true, value: -1 });
    expect(parseSamplingField('temperature', 'abc')).toEqual({ ok: false, error: `temperature must be a number from 0 to 2, got "abc" (leave it empty for the model's default)` });
    expect(parseSamplingField('temperature', '2.5')).toMatchObject({ ok: false });
    expect(parseSamplingField('top_p', '1.2')).toMatchObject({ ok: false, error: expect.stringContaining('from 0 to 1') });
    expect(parseSamplingField('seed', '1.5')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parseSamplingField('num_predict', '-3')).toMatchObject({ ok: false });
    expect(parseSamplingField('temperature', '0x1')).toMatchObject({ ok: false });
    expect(parseSamplingField('temperature', 'Infinity')).toMatchObject({ ok: false });
  });

  it('keeps only what is set, and reads settings back from a saved record', () => {
    expect(normalizeSettings({ system: '   ', options: {} })).toEqual({});
    expect(hasSettings({ system: '' })).toBe(false);
    expect(samplingOptions({ options: { temperature: 0.6, seed: undefined } })).toEqual({ temperature: 0.6 });
    expect(settingsFromRecord({ system: 'Be terse.', options: { num_ctx: 8192, temperature: 0.6, seed: 'x' } })).toEqual({
      system: 'Be terse.',
      options: { temperature: 0.6 },
    });
    expect(settingsFromRecord({})).toEqual({});
  });

  it('summarizes in one line', () => {
    expect(settingsSummary(undefined)).toBe('model defaults');
    expect(settingsSummary({ system: 'Be terse.', options: { temperature: 0.6, seed: 7 } })).toBe('system prompt (9 chars) · temperature 0.6 · seed 7');
  });
});
