// The editor's own Enter rules (language-configuration.json), applied the way VS Code applies
// onEnterRules: the first rule whose beforeText matches the text before the cursor and whose
// previousLineText (if any) matches the line above gives the indentation of the new line.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

interface EnterRule {
  readonly beforeText: string;
  readonly previousLineText?: string;
  readonly action: { readonly indent: string };
}

const config = JSON.parse(readFileSync(path.resolve(__dirname, '../../../language-configuration.json'), 'utf8')) as {
  onEnterRules: EnterRule[];
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
};

function onEnter(before: string, previousLine: string | undefined): string {
  for (const rule of config.onEnterRules) {
    if (!new RegExp(rule.beforeText).test(before)) continue;
    if (rule.previousLineText !== undefined && (previousLine === undefined || !new RegExp(rule.previousLineText).test(previousLine))) continue;
    return rule.action.indent;
  }
  return 'default';
}

describe('Enter rules of the language configuration', () => {
  it('indent after the first continued line, keep the indent inside, outdent after the last', () => {
    expect(onEnter('RUN apt-get update \\', '')).toBe('indent');
    expect(onEnter('    && apt-get install -y curl \\', 'RUN apt-get update \\')).toBe('none');
    expect(onEnter('    && rm -rf /var/lib/apt/lists/*', '    && apt-get install -y curl \\')).toBe('outdent');
  });

  it('a comment above the instruction ends no continuation (found by review)', () => {
    expect(onEnter('LABEL a=b \\', '# labels')).toBe('indent');
  });

  it('an indented comment inside a continuation is no last line to outdent after (found by review)', () => {
    expect(onEnter('    # pinned below', 'RUN apt-get update \\')).toBe('default');
    expect(onEnter('    && echo done \\', '    # pinned below')).toBe('none');
  });

  it('defines indentation rules that match nothing, so no other configuration of the language leaks in', () => {
    for (const pattern of Object.values(config.indentationRules)) {
      for (const line of ['FROM node:', 'RUN a -', 'RUN (', '{', 'ENV A=1 \\', '']) expect(new RegExp(pattern).test(line)).toBe(false);
    }
  });
});
