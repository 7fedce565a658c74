// In-process benchmark of long FROM chains (node scripts/bench.mjs bench/stageChain.bench.ts [stages...]):
// N stages, each built FROM the one before, with and without ONBUILD triggers, and, for comparison,
// with the trigger's ARG declared by the stage itself. For each: the model of a fresh parse, the whole
// diagnostics pass, and one keystroke in the middle stage (the model built from the previous one,
// then diagnostics), with how many stage analyses the keystroke made again. It asserts nothing: the
// cost per stage should stay flat as N grows.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../server/src/semantics';
import { getDiagnostics } from '../server/src/services/diagnostics';
import { analyzedDocument } from '../server/src/services/document';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { SyntaxTree } from '../server/src/syntax';

type Variant = 'plain' | 'args' | 'onbuild';

/** Stage i: `FROM s{i-1} AS s{i}`, then one line: a RUN, an ARG, or an ONBUILD RUN / ONBUILD ARG in turn. */
export function stageChain(stages: number, variant: Variant): string {
  const lines = ['FROM alpine AS s0'];
  for (let i = 0; i < stages; i++) {
    if (i > 0) lines.push(`FROM s${i - 1} AS s${i}`);
    if (variant === 'plain') lines.push(`RUN echo ${i}`);
    else if (variant === 'args') lines.push(i % 2 ? `ARG X${i}` : `RUN echo ${i}`);
    else lines.push(i % 2 ? `ONBUILD ARG X${i}` : `ONBUILD RUN echo ${i}`);
  }
  return lines.join('\n') + '\n';
}

/** Milliseconds of CPU time this process spends in `run`: on a shared machine, wall time mostly measures the others. */
function ms(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median of `runs` timings of `run`, after one untimed warm-up. */
function median(runs: number, run: () => unknown): number {
  run();
  // A run that returns a number timed itself (to leave out its preparation).
  const time = (): number => {
    let result: unknown;
    const spent = ms(() => (result = run()));
    return typeof result === 'number' ? result : spent;
  };
  const times = Array.from({ length: runs }, time).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

function measure(stages: number, variant: Variant): string[] {
  const text = stageChain(stages, variant);
  const tree = SyntaxTree.parse(text);
  const model = median(5, () => analyze(tree));

  const document = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text);
  // The diagnostics of a fresh version, its model made beforehand.
  const diagnostics = median(3, () => {
    const fresh = analyzedDocument(document, tree);
    void fresh.model;
    return ms(() => getDiagnostics(fresh, DEFAULT_SETTINGS, {}));
  });

  // A keystroke in the middle stage's `echo` (or ARG name), which changes nothing a later stage inherits
  // for the RUN lines: type a character, then take it out again, as the LSP benchmark does.
  const middle = Math.floor(stages / 2) & ~1;
  const at = text.indexOf(`echo ${middle}\n`) + 'echo '.length;
  let current = tree;
  let doc = analyzedDocument(document, current);
  getDiagnostics(doc, DEFAULT_SETTINGS, {});
  let version = 1;
  let reanalysed = 0;
  const editModel: number[] = [];
  const editDiagnostics: number[] = [];
  for (let k = 0; k < 10; k++) {
    const edit = k % 2 === 0 ? { start: at, end: at, text: '7' } : { start: at, end: at + 1, text: '' };
    current = current.edit(edit);
    TextDocument.update(document, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: edit.text }], ++version);
    const previous = doc;
    doc = analyzedDocument(document, current, previous);
    editModel.push(ms(() => doc.model));
    reanalysed = doc.model.stages.filter((s) => doc.model.partOf(s.index) !== previous.model.partOf(s.index)).length;
    editDiagnostics.push(ms(() => getDiagnostics(doc, DEFAULT_SETTINGS, {})));
  }
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [
    `${stages}`.padStart(6),
    variant.padEnd(8),
    model.toFixed(1).padStart(9),
    diagnostics.toFixed(1).padStart(12),
    mid(editModel).toFixed(2).padStart(11),
    mid(editDiagnostics).toFixed(2).padStart(10),
    `${reanalysed}`.padStart(11),
  ];
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
console.log(`node ${process.version}; CPU times in ms (medians)`);
console.log(['stages', 'variant ', 'model', 'diagnostics', 'edit model', 'edit diag', 'reanalysed'].map((h, i) => (i === 1 ? h : h.padStart(i === 0 ? 6 : [9, 12, 11, 10, 11][i - 2]))).join(' '));
for (const stages of sizes.length ? sizes : [500, 1000, 2000]) {
  for (const variant of ['plain', 'args', 'onbuild'] as const) console.log(measure(stages, variant).join(' '));
}
