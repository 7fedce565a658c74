import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { shownMessage } from '../../../server/src/services/diagnosticMessage';
import { problemForMessage } from '../../../server/src/services/sentDiagnostic';

const service = createLanguageService();

function diagnosticsOf(text: string) {
  const doc = service.analyze(TextDocument.create('file:///long/Dockerfile', 'dockerfile', 1, text));
  return { doc, diagnostics: service.getDiagnostics(doc) };
}

describe('long runs of quoted text in diagnostic messages', () => {
  const long = `${'a'.repeat(60)}${'b'.repeat(60)}`;

  it('shows a run of more than 80 non-space characters by its first 48 and last 24', () => {
    expect(shownMessage(`Unknown flag --${long}.`)).toBe(`Unknown flag --${'a'.repeat(46)}…${'b'.repeat(23)}.`);
    const eighty = 'x'.repeat(80);
    expect(shownMessage(`Stage '${eighty.slice(2)}' and ${eighty}`)).toBe(`Stage '${eighty.slice(2)}' and ${eighty}`);
    expect(shownMessage(`A '${'x'.repeat(79)}'`)).toBe(`A '${'x'.repeat(79)}'`.replace(/^A '(x{47})x+(x{23}')$/, "A '$1…$2"));
  });

  it('shortens every long run, keeps the rest, and shown twice stays the same', () => {
    const shown = shownMessage(`'${long}' is not '${long}' here`);
    expect(shown).toBe(`'${'a'.repeat(47)}…${'b'.repeat(23)}' is not '${'a'.repeat(47)}…${'b'.repeat(23)}' here`);
    expect(shownMessage(shown)).toBe(shown);
  });

  it('never splits a character written as two UTF-16 units', () => {
    const emoji = '😀'.repeat(50);
    expect(shownMessage(emoji)).toBe(`${'😀'.repeat(24)}…${'😀'.repeat(12)}`);
    // Shifted by one unit, both cuts would fall inside a character: each moves to its edge.
    const shown = shownMessage(`x${emoji}`);
    expect(shown).toBe(`x${'😀'.repeat(23)}…${'😀'.repeat(12)}`);
    expect(shown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('in the diagnostics of a file: an unknown 3,000-letter instruction, a deeply nested substitution', () => {
    const word = 'RUN' + 'a'.repeat(3000);
    const { diagnostics } = diagnosticsOf(`FROM alpine:3\n${word} x\n`);
    expect(diagnostics.map((d) => [d.code, d.message, d.range.end.character])).toEqual([
      [
        'unknown-instruction',
        `Unknown instruction "${'RUN' + 'a'.repeat(44)}…${'a'.repeat(22)}". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with \\ to continue it.`,
        3003,
      ],
    ]);
    let nested = '1';
    for (let i = 0; i < 12; i++) nested = `\${V${i}:-${nested}}`;
    const undefinedVars = diagnosticsOf(`FROM alpine:3\nENV X=${nested}\n`).diagnostics.filter((d) => d.code === 'UndefinedVar');
    expect(undefinedVars).toHaveLength(12);
    expect(undefinedVars[0].message).toBe(
      `'$V11' is not defined here, so '${nested.slice(0, 47)}…${nested.slice(-23)}' falls back to its default. Declare it with ARG or ENV in this stage.`,
    );
    expect(undefinedVars[11].message).toBe("'$V0' is not defined here, so '${V0:-1}' falls back to its default. Declare it with ARG or ENV in this stage.");
  });

  it('a shortened message sent back with a code action still names its problem', () => {
    const full = { message: `Unknown flag --${long}.` };
    const other = { message: `Unknown flag --${long.replace(/b/g, 'c')}.` };
    expect(problemForMessage([other, full], shownMessage(full.message))).toBe(full);
    expect(problemForMessage([full, other], shownMessage(other.message))).toBe(other);
  });
});
