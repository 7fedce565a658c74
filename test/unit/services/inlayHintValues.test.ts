import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../../../server/src/services/document';
import { displayValue, getInlayHints } from '../../../server/src/services/inlayHints';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { SyntaxTree } from '../../../server/src/syntax';

/** Each hint of a text as `line: label | tooltip` (lines from 1). */
function hintTooltips(text: string): string[] {
  const doc = analyzedDocument(TextDocument.create('file:///hints/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
  return getInlayHints(doc, undefined, DEFAULT_SETTINGS.inlayHints).map((h) => `${h.position.line + 1}: ${String(h.label)} | ${String(h.tooltip)}`);
}

describe('a value as an inlay hint shows it', () => {
  it('as written, backslashes included, when it has no control character', () => {
    expect(displayValue('C:\\app')).toBe('C:\\app');
    expect(displayValue('a "quoted" word')).toBe('a "quoted" word');
  });

  it('on one line, each control character as its picture, so nothing else needs escaping', () => {
    expect(displayValue('a\nb\\c')).toBe('a␊b\\c');
    expect(displayValue('x\r\n\ty')).toBe('x␍␊␉y');
    expect(displayValue('\u001b[0m\u007f')).toBe('␛[0m␡');
    // A backslash and a t stay apart from a tab.
    expect(displayValue('C:\\t')).toBe('C:\\t');
    expect(displayValue('C:\t')).toBe('"C:␉"');
  });

  it('quoted when empty or padded, and cut to 30 characters', () => {
    expect(displayValue('')).toBe('""');
    expect(displayValue(' x')).toBe('" x"');
    expect(displayValue('0123456789'.repeat(4))).toBe(`${'0123456789'.repeat(2)}012345678…`);
  });
});

describe('a substitution a shell expands', () => {
  it('has no hint where the shell anchors the replacement and BuildKit would not (${V/#a/X})', () => {
    expect(hintTooltips('FROM alpine\nARG V=a1b2\nRUN echo ${V/#a/X} ${V/%2/Y} ${V/1/X}\nENV W=${V/#a/X}\n')).toEqual([
      '3: = aXb2 | V is "a1b2": the default of the ARG on line 2 (--build-arg V=... overrides it). ${V/1/X} gives "aXb2".',
      '4: = a1b2 | V is "a1b2": the default of the ARG on line 2 (--build-arg V=... overrides it). ${V/#a/X} gives "a1b2".',
    ]);
  });
});

describe('an inlay hint\'s tooltip', () => {
  it('names an ONBUILD ARG the value follows as one', () => {
    expect(hintTooltips('FROM alpine AS base\nONBUILD ARG A=1\nONBUILD ENV B=${A}0\nFROM base AS derived\nRUN echo $B\n')).toEqual([
      '3: = 1 | A is "1": the default of the ONBUILD ARG on line 2 (--build-arg A=... overrides it).',
      '5: = 10 | B is "10": set by the ONBUILD ENV on line 3. It follows ONBUILD ARG A (line 2), which --build-arg can change.',
    ]);
  });

  it('in a stage built FROM another, shows the base\'s ENV where a base ARG overrode it, and no value for an inherited ARG PATH', () => {
    expect(hintTooltips('FROM alpine AS base\nENV E=env\nARG E=arg PATH=/opt\nFROM base AS child\nRUN echo $E $PATH\n')).toEqual([
      '5: = env | E is "env": set by ENV on line 2.',
    ]);
  });

  it('an SBOM switch declared in a stage leaves the environment alone: unset, or the ENV of its name; FROM lines see the global value', () => {
    expect(hintTooltips('ARG BUILDKIT_SBOM_SCAN_STAGE=true\nFROM alpine:$BUILDKIT_SBOM_SCAN_STAGE\nARG BUILDKIT_SBOM_SCAN_STAGE=true\nRUN echo $BUILDKIT_SBOM_SCAN_STAGE\n')).toEqual([
      '2: = true | BUILDKIT_SBOM_SCAN_STAGE is "true": the default of the global ARG on line 1 (--build-arg BUILDKIT_SBOM_SCAN_STAGE=... overrides it).',
      '4: = "" | BUILDKIT_SBOM_SCAN_STAGE is unset here: BuildKit reads the ARG on line 3 itself and keeps it out of the environment.',
    ]);
    expect(hintTooltips('FROM alpine\nENV BUILDKIT_SBOM_SCAN_CONTEXT=env\nARG BUILDKIT_SBOM_SCAN_CONTEXT=true\nWORKDIR /$BUILDKIT_SBOM_SCAN_CONTEXT\n')).toEqual([
      '4: = env | BUILDKIT_SBOM_SCAN_CONTEXT is "env": set by ENV on line 2.',
    ]);
  });

  it('in a COPY heredoc, expands as BuildKit does there, quotes kept; in a RUN heredoc as the shell does, quotes removed', () => {
    expect(hintTooltips('FROM alpine\nARG V=\nCOPY <<EOF /a\n${V:-"x"}\nEOF\nRUN <<EOF\necho ${V:-"x"}\nEOF\n')).toEqual([
      '4: = "x" | V is "": the default of the ARG on line 2 (--build-arg V=... overrides it). ${V:-"x"} gives ""x"".',
      '7: = x | V is "": the default of the ARG on line 2 (--build-arg V=... overrides it). ${V:-"x"} gives "x".',
    ]);
  });
});
