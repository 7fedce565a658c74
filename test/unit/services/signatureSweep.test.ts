// The signature help sweep: over every real-world file of the corpus, the cursor is put at the start
// and at the end of every word after an instruction's keyword (and after each `=` and `,` of a flag,
// where a client asks again), and after the `=` of each directive. Where the instruction is one the
// facts know, signature help must come back, its active signature must be one of its signatures and
// its active parameter one of that signature's parameters. `null` (no parameter) is allowed only
// where the client declared it understands it, which is what signatureHelp.ts deliberately does after
// a comma in `--mount`. Heredoc bodies and comment lines inside instructions are not arguments.
// SIGNATURE_SWEEP_REPORT=<file> writes the counts and every miss to that file.

import { appendFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SignatureHelp } from 'vscode-languageserver-types';
import { getDirective, getInstruction } from '../../../server/src/facts';
import type { AnalyzedDocument } from '../../../server/src/services/document';
import { getSignatureHelp } from '../../../server/src/services/signatureHelp';
import type { InstructionNode } from '../../../server/src/syntax';
import { FILES_DIR, analyze, listFiles } from './corpusFiles';

interface Probe {
  /** The instruction (`ONBUILD RUN` for a trigger) or `# name=` for a directive. */
  readonly owner: string;
  readonly offset: number;
}

/** Word starts and ends in [from, to), and the offsets right after `=` and `,` in a word. */
function argumentOffsets(text: string, from: number, to: number, skip: readonly { start: number; end: number }[]): number[] {
  const out: number[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const start = m.index;
    const end = Math.min(start + m[0].length, to);
    if (skip.some((s) => s.start <= start && start < s.end)) continue;
    out.push(start, end);
    for (let i = start; i < end; i++) if (text[i] === '=' || text[i] === ',') out.push(i + 1);
  }
  return [...new Set(out)];
}

function probesOf(doc: AnalyzedDocument): Probe[] {
  const text = doc.tree.slice(0, doc.tree.length);
  const out: Probe[] = [];
  for (const { node, start } of doc.tree.directives()) {
    if (getDirective(node.name)) out.push({ owner: `# ${node.name}=`, offset: start + node.value.start }, { owner: `# ${node.name}=`, offset: start + node.value.end });
  }
  doc.tree.forEach((node, start) => {
    if (node.kind !== 'instruction') return;
    const owner: InstructionNode = node.name === 'ONBUILD' && node.trigger ? node.trigger : node;
    if (!getInstruction(owner.name)) return;
    const name = owner === node ? node.name : `ONBUILD ${owner.name}`;
    let end = start + node.length;
    while (end > start && /[\r\n]/.test(text[end - 1])) end--;
    if (node.heredocs.length > 0) end = Math.min(end, start + node.heredocs[0].body.start);
    const skip = node.innerComments.map((s) => ({ start: start + s.start, end: start + s.end }));
    for (const offset of argumentOffsets(text, start + owner.keyword.end, end, skip)) out.push({ owner: name, offset });
  });
  return out;
}

/** What is wrong with `help` at a probe, if anything. */
function problemOf(help: SignatureHelp | null, nullAllowed: boolean): string | undefined {
  if (!help) return 'no signature help';
  const signature = help.signatures[help.activeSignature ?? 0];
  if (!signature) return `active signature ${help.activeSignature} of ${help.signatures.length}`;
  const active = help.activeParameter;
  if (active === null) return nullAllowed ? undefined : 'activeParameter null for a client that does not understand it';
  const count = signature.parameters?.length ?? 0;
  if (active === undefined || active < 0 || active >= count) return `active parameter ${active} of ${count} in ${JSON.stringify(signature.label)}`;
  if (signature.activeParameter !== undefined && signature.activeParameter !== active) return `signature says ${signature.activeParameter}, help says ${active}`;
  return undefined;
}

interface Miss {
  readonly owner: string;
  readonly where: string;
  readonly problem: string;
}

function sweep(files: readonly string[]): { probes: Map<string, number>; misses: Miss[] } {
  const probes = new Map<string, number>();
  const misses: Miss[] = [];
  for (const file of files) {
    const doc = analyze(readFileSync(path.join(FILES_DIR, file), 'utf8'));
    const text = doc.tree.slice(0, doc.tree.length);
    for (const probe of probesOf(doc)) {
      probes.set(probe.owner, (probes.get(probe.owner) ?? 0) + 1);
      const position = doc.text.positionAt(probe.offset);
      for (const noActiveParameter of [false, true]) {
        const problem = problemOf(getSignatureHelp(doc, position, { format: 'markdown', noActiveParameter }), noActiveParameter);
        if (problem === undefined) continue;
        const lineStart = text.lastIndexOf('\n', probe.offset - 1) + 1;
        misses.push({ owner: probe.owner, where: `${file}:${position.line + 1} ${JSON.stringify(text.slice(lineStart, probe.offset))}|`, problem });
        break;
      }
    }
  }
  return { probes, misses };
}

function report(lines: readonly string[]): void {
  const file = process.env.SIGNATURE_SWEEP_REPORT;
  if (file) appendFileSync(file, lines.join('\n') + '\n');
}

describe('signature help sweep over the real-world corpus', () => {
  it('answers at every argument of a known instruction, with an active parameter of the active signature', () => {
    const { probes, misses } = sweep(listFiles());
    const tally: Record<string, number> = {};
    for (const m of misses) tally[m.owner] = (tally[m.owner] ?? 0) + 1;
    report([...[...probes].map(([owner, n]) => `${owner}: ${n} probes`), ...Object.entries(tally).map(([o, n]) => `misses ${n}\t${o}`), ...misses.map((m) => `${m.owner} ${m.where} ${m.problem}`)]);
    expect([...probes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(10000);
    expect(tally).toEqual({});
    // About 12 s alone; a bound that catches a hang, not one a loaded 2-core machine trips.
  }, 120_000);
});
