import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../server/src/settings';

describe('settings', () => {
  it('missing or empty settings give the defaults', () => {
    expect(mergeSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(mergeSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(mergeSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('a partial object changes only the keys it names', () => {
    const { settings, problems } = mergeSettings({ formatting: { keywordCase: 'lower' }, diagnostics: { rules: { JSONArgsRecommended: 'off' } } });
    expect(problems).toEqual([]);
    expect(settings.formatting).toEqual({ ...DEFAULT_SETTINGS.formatting, keywordCase: 'lower' });
    expect(settings.diagnostics).toEqual({ enable: true, rules: { JSONArgsRecommended: 'off' }, bestPractices: true });
    expect(settings.hover).toEqual(DEFAULT_SETTINGS.hover);
  });

  it('merges over another layer: its keys stay unless named, rule severities add up', () => {
    const base = mergeSettings({ hover: { enable: false }, diagnostics: { rules: { DL3003: 'off', JSONArgsRecommended: 'error' } } }).settings;
    const { settings } = mergeSettings({ completion: { enable: false }, diagnostics: { rules: { JSONArgsRecommended: 'hint' } } }, base);
    expect(settings.hover.enable).toBe(false);
    expect(settings.completion.enable).toBe(false);
    expect(settings.diagnostics.rules).toEqual({ DL3003: 'off', JSONArgsRecommended: 'hint' });
  });

  it('rule severities take info for information in any letter case, and null unsets a lower layer\'s', () => {
    const base = mergeSettings({ diagnostics: { rules: { DL3003: 'off', JSONArgsRecommended: 'error' } } }).settings;
    const { settings, problems } = mergeSettings({ diagnostics: { rules: { DL3003: null, JSONArgsRecommended: 'Info', UndefinedVar: 'ERROR' } } }, base);
    expect(problems).toEqual([]);
    expect(settings.diagnostics.rules).toEqual({ JSONArgsRecommended: 'information', UndefinedVar: 'error' });
  });

  it('values of the wrong type are ignored, and say so', () => {
    const { settings, problems } = mergeSettings({ diagnostics: { enable: 'no', rules: { A: 'loud', B: 'hint' } }, formatting: 'upper', inlayHints: { enable: false } });
    expect(settings.diagnostics).toEqual({ enable: true, rules: { B: 'hint' }, bestPractices: true });
    expect(settings.formatting).toEqual(DEFAULT_SETTINGS.formatting);
    expect(settings.inlayHints.enable).toBe(false);
    expect(problems).toEqual([
      'diagnostics.enable: expected a boolean',
      'diagnostics.rules.A: expected one of off, hint, info, information, warning, error, or null',
      'formatting: expected an object',
    ]);
  });

  it('enums and numbers are checked', () => {
    const { settings, problems } = mergeSettings({ formatting: { keywordCase: 'shouting', continuationIndent: -2 } });
    expect(settings.formatting).toEqual(DEFAULT_SETTINGS.formatting);
    expect(problems).toEqual(['formatting.keywordCase: expected one of upper, lower, preserve', 'formatting.continuationIndent: expected a non-negative number']);
  });
});
