// textDocument/inlayHint:
// - after a variable use, the value it has there (`FROM node:${NODE_VERSION}` shows `= 20`), when
//   the Dockerfile alone decides it: the use resolves to an ARG or ENV whose value is known, and
//   something will expand it (the model's `expansion`). So no hint for the exec form unless it is a
//   shell's script, quoted heredoc bodies (taken literally), ARGs in CMD, ENTRYPOINT and HEALTHCHECK
//   (ARGs do not exist when the container runs; an ENV there shows the stage's last value, which the
//   container gets), or a use on the same instruction as its declaration (the value is in plain
//   sight). In an ONBUILD trigger, the value a later build gives it as it runs the trigger (the
//   image's ENV, the earlier ONBUILD ARG and ENV), but none in a trigger a container expands
//   (`ONBUILD CMD`), where the later build's own ENV may have changed it. In RUN the hint is the value the
//   ARG or ENV gives the shell when the command starts, and none where the command sets the name
//   itself. With a Windows shell (a PowerShell or cmd SHELL, cmd in a Windows stage) the hint follows
//   what reads the environment there, `$env:NAME` and `%NAME%`: a PowerShell `$NAME` is a variable
//   of the script, and cmd reads no `$`. ARG values are defaults: a --build-arg overrides them, and
//   the tooltip says so, also for a value that follows other build arguments (`ENV V=${V}0`).
// - after the image of an unnamed stage, its index (`stage 1`), when there is more than one stage:
//   the number `COPY --from=1` uses.

import type { InlayHint, Range } from 'vscode-languageserver-types';
import { getPredefinedArg } from '../facts';
import type { Declaration, VariableUse } from '../semantics';
import type { Settings } from '../settings';
import { lex } from '../syntax';
import { offsetOf, type AnalyzedDocument } from './document';
import { shellAssignmentLine } from './navigation/shellAssignments';
import { expansionLexOptions, expansionOf, givesItsValue, shellAgreesWithBuilder } from './shellExpansion';

const MAX_VALUE_LENGTH = 30;

/**
 * A value on one line: each control character as its Unicode picture (a line feed as `␊`, a tab as
 * `␉`), so that nothing else needs escaping and a Windows path shows as written (`C:\app`).
 */
function oneLine(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    out += code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : value[i];
  }
  return out;
}

/** A value as a short label: on one line, quoted when empty or padded, truncated. */
export function displayValue(value: string): string {
  let shown = oneLine(value);
  if (shown.length > MAX_VALUE_LENGTH) shown = shown.slice(0, MAX_VALUE_LENGTH - 1) + '…';
  return value === '' || /^\s|\s$/.test(value) ? `"${shown}"` : shown;
}

function lineOf(doc: AnalyzedDocument, offset: number): number {
  return doc.text.positionAt(offset).line + 1;
}

/** Whether the command of a node sets `name` in the shell, asked once per node and name in a request. */
type SetsInShell = (use: VariableUse) => boolean;

function setsInShellOnce(doc: AnalyzedDocument): SetsInShell {
  const known = new Map<string, boolean>();
  return (use) => {
    const key = `${use.nodeIndex}:${use.name}`;
    let sets = known.get(key);
    if (sets === undefined) known.set(key, (sets = shellAssignmentLine(doc, [use], use.name) !== undefined));
    return sets;
  };
}

function showsValue(doc: AnalyzedDocument, use: VariableUse, setsInShell: SetsInShell): use is VariableUse & { declaration: Declaration; value: string } {
  if (use.ref.nested || !use.declaration || use.value === undefined) return false;
  if (use.declaration.nodeIndex === use.nodeIndex) return false;
  // Nobody expands it, or a container of a later build's image does.
  const by = expansionOf(doc, use);
  if (use.expansion === 'trigger' ? by !== 'builder' && by !== 'build-shell' : by === 'none') return false;
  // A command that sets the name itself (`A=2 && echo $A`, `for A in …`) may read the shell's value.
  const context = use.ref.context.kind;
  return !((context === 'shell' || context === 'heredoc') && setsInShell(use));
}

/**
 * The build arguments a declaration's value comes from (`ENV V=${V}0` after `ARG V=1`), through
 * other ENV and ARG values: a --build-arg of any of them changes it. In document order, each once.
 */
function argsBehind(doc: AnalyzedDocument, declaration: Declaration): Declaration[] {
  const found: Declaration[] = [];
  const seen = new Set<Declaration>([declaration]);
  const visit = (d: Declaration, depth: number): void => {
    if (!d.valueSpan || depth > 16) return;
    const { start, end } = d.valueSpan;
    for (const inner of doc.model.usesInNode(d.nodeIndex)) {
      const source = inner.declaration && (inner.declaration.inherits ?? inner.declaration);
      if (!source || inner.span.start < start || inner.span.end > end || seen.has(source)) continue;
      seen.add(source);
      if (source.kind === 'arg') found.push(source);
      visit(source, depth + 1);
    }
  };
  visit(declaration.inherits ?? declaration, 0);
  return found.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
}

/** What the whole reference expands to (`${V:-x}`, `${V%.*}`), or undefined when unknown. */
function expansion(doc: AnalyzedDocument, use: VariableUse & { value: string }): string | undefined {
  if (!use.ref.operator) return givesItsValue(doc, use) ? use.value : undefined;
  if (!shellAgreesWithBuilder(doc, use)) return undefined;
  const text = doc.tree.slice(use.span.start, use.span.end);
  const inner = doc.model.usesInNode(use.nodeIndex).filter((u) => u !== use && u.span.start >= use.span.start && u.span.end <= use.span.end);
  if (inner.some((u) => !u.declaration || u.value === undefined)) return undefined;
  const env = (name: string) => (name === use.name ? use.value : inner.find((u) => u.name === name)?.value);
  const result = lex(text, env, expansionLexOptions(doc, use));
  return result.error ? undefined : result.value;
}

function valueTooltip(doc: AnalyzedDocument, use: VariableUse & { declaration: Declaration; value: string }, result: string): string {
  const source = use.declaration.inherits ?? use.declaration;
  const line = lineOf(doc, source.nameSpan.start);
  const shown = `"${oneLine(use.value)}"`;
  // `${A:+set}` shows what the reference gives, which is not A's value.
  const gives = use.ref.operator ? ` ${doc.tree.slice(use.span.start, use.span.end)} gives "${oneLine(result)}".` : '';
  const behind = argsBehind(doc, source);
  const following = behind.length
    ? ` It follows ${behind.map((d) => `${d.trigger ? 'ONBUILD ARG' : 'ARG'} ${d.name} (line ${lineOf(doc, d.nameSpan.start)})`).join(', ')}, which --build-arg can change.`
    : '';
  // The declared name: a Windows shell may spell it in another case (`$env:Path` for PATH).
  const name = source.name;
  if (source.kind === 'arg' && source.stage >= 0 && getPredefinedArg(name)?.outsideEnvironment) {
    return `${name} is unset here: BuildKit reads the ARG on line ${line} itself and keeps it out of the environment.${gives}`;
  }
  if (source.kind === 'env') return `${name} is ${shown}: set by ${source.trigger ? 'the ONBUILD ENV' : 'ENV'} on line ${line}.${following}${gives}`;
  const scope = source.stage < 0 ? 'global ARG' : source.trigger ? 'ONBUILD ARG' : 'ARG';
  return `${name} is ${shown}: the default of the ${scope} on line ${line} (--build-arg ${name}=... overrides it).${following}${gives}`;
}

export function getInlayHints(doc: AnalyzedDocument, range: Range | undefined, settings: Settings['inlayHints']): InlayHint[] {
  if (!settings.enable) return [];
  const from = range ? offsetOf(doc, range.start) : 0;
  const to = range ? offsetOf(doc, range.end) : doc.tree.length;
  const inRange = (offset: number) => from <= offset && offset <= to;
  const hints: { offset: number; hint: InlayHint }[] = [];
  const model = doc.model;
  if (settings.variableValues) {
    const setsInShell = setsInShellOnce(doc);
    for (const use of model.uses) {
      if (!inRange(use.span.end) || !showsValue(doc, use, setsInShell)) continue;
      const value = expansion(doc, use);
      if (value === undefined) continue;
      const hint: InlayHint = {
        position: doc.text.positionAt(use.span.end),
        label: `= ${displayValue(value)}`,
        paddingLeft: true,
        tooltip: valueTooltip(doc, use, value),
      };
      hints.push({ offset: use.span.end, hint });
    }
  }
  if (settings.stageIndexes && model.stages.length > 1) {
    for (const stage of model.stages) {
      if (stage.name || !stage.imageSpan || !inRange(stage.imageSpan.end)) continue;
      const hint: InlayHint = {
        position: doc.text.positionAt(stage.imageSpan.end),
        label: `stage ${stage.index}`,
        paddingLeft: true,
        tooltip: `This stage has no name: later stages refer to it as --from=${stage.index}. Name it with "AS <name>" to refer to it by name.`,
      };
      hints.push({ offset: stage.imageSpan.end, hint });
    }
  }
  return hints.sort((a, b) => a.offset - b.offset).map((h) => h.hint);
}
