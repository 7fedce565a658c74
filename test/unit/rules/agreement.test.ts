// Agreement with BuildKit on the shared corpus: for every file BuildKit's parser accepts, the
// (rule, line) pairs our build checks report, each as many times as it is reported, equal the
// warnings of `docker build --check` (and, with `experimental=all`, the experimental ones). BuildKit ran with empty base-image
// configs and no build context; so do we (no .dockerignore here).
//
// One difference comes from those empty configs: BuildKit reports UndefinedVar for a variable the
// real base image sets (`$GOPATH` after `FROM golang`), and a registry build does not. We know the
// ENV of some well-known images (facts/imageEnv.ts) and report none of those, so BuildKit's
// UndefinedVar warnings for a name the stage's base image sets are left out of its side, and
// `IMAGE_ENV_REMOVED` counts them, by name, so that any other change still fails.
//
// The deliberate differences: when BuildKit stops at an error (`lint_error`), it never gets to
// the checks of later phases, so for those files we compare only what BuildKit reached; and
// NoEmptyContinuation marks each empty line (each has its fix) where BuildKit warns once per
// instruction, so it counts once per instruction here.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../../server/src/languageService';
import { CHECK_RULES } from '../../../server/src/rules/checks';
import { baseImageEnv } from '../../../server/src/semantics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { readCorpusFile, readExpected, type ExpectedFile } from '../syntax/corpus';

const service = createLanguageService();
const IMPLEMENTED = new Set(CHECK_RULES.map((rule) => rule.code));

/** BuildKit's order of work: a failure in one phase means later phases never ran. */
const PHASE: Readonly<Record<string, number>> = {
  NoEmptyContinuation: 1,
  MaintainerDeprecated: 2,
  StageNameCasing: 2,
  FromAsCasing: 2,
  InvalidDefinitionDescription: 2,
  ReservedStageName: 3,
  DuplicateStageName: 3,
  ConsistentInstructionCasing: 3,
  InvalidDefaultArgInFrom: 3,
  UndefinedArgInFrom: 4,
  RedundantTargetPlatform: 4,
  FromPlatformFlagConstDisallowed: 4,
  // Everything else runs while dispatching instructions (phase 6).
};

function errorPhase(message: string): number {
  if (message.startsWith('dockerfile parse error') || message.startsWith('no build stage')) return 2;
  if (message.startsWith('base name')) return 4;
  if (message.startsWith('failed to parse stage name')) return 5;
  return 6;
}

/** Whether BuildKit ran the check for this line before it stopped at `error`. */
function reachedBefore(rule: string, line: number, error: NonNullable<ExpectedFile['lint_error']>): boolean {
  const phase = PHASE[rule] ?? 6;
  const failed = errorPhase(error.message);
  if (phase !== failed) return phase < failed;
  const errorLine = error.start_line ?? Infinity;
  // The base name is checked (and UndefinedArgInFrom reported) before the blank-name error.
  return rule === 'UndefinedArgInFrom' ? line <= errorLine : line < errorLine;
}

/** BuildKit's UndefinedVar warnings that only its empty base-image configs give, by variable name, over the whole corpus. */
const IMAGE_ENV_REMOVED: Readonly<Record<string, number>> = {
  APP_UID: 10, // mcr.microsoft.com/dotnet/runtime-deps and aspnet, 8.0 and later
  GOPATH: 4, // golang, directly or through a stage built FROM it
  NB_UID: 15, // jupyter docker-stacks images (quay.io/jupyter/…)
  NB_GID: 4,
  HOME: 5,
  CONDA_DIR: 1,
  SPARK_HOME: 1, // quay.io/jupyter/pyspark-notebook
};
/** Whether a BuildKit warning is UndefinedVar for a name the base image of the warning's stage sets. */
function setByBaseImage(text: string, warning: ExpectedFile['warnings'][number]): boolean {
  const name = warning.rule === 'UndefinedVar' ? /'\$(\w+)'/.exec(warning.message)?.[1] : undefined;
  if (name === undefined) return false;
  const doc = service.analyze(TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text));
  const stage = doc.model.stageAt(doc.text.offsetAt({ line: warning.start_line - 1, character: 0 }));
  return stage !== undefined && baseImageEnv(stage)?.names.has(name) === true;
}

/** Our check diagnostics as BuildKit locates them: `Rule:line` of the instruction (1-based), once per diagnostic. */
function ourWarnings(text: string, checkConfig?: string): { found: string[]; errors: string[]; ruleFailures: string[] } {
  const doc = service.analyze(TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text));
  const ruleFailures: string[] = [];
  const diagnostics = service.getDiagnostics(doc, DEFAULT_SETTINGS, { checkConfig, onRuleError: (code, error) => ruleFailures.push(`${code}: ${String(error)}`) });
  const found: string[] = [];
  const errors: string[] = [];
  for (const diagnostic of diagnostics) {
    if (typeof diagnostic.code !== 'string' || !IMPLEMENTED.has(diagnostic.code)) continue;
    if (diagnostic.severity === 1) errors.push(`${diagnostic.code} at line ${diagnostic.range.start.line + 1}`);
    const { tree } = doc;
    let index = tree.nodeIndexAt(doc.text.offsetAt(diagnostic.range.start));
    while (index < tree.nodeCount - 1 && tree.node(index).kind !== 'instruction') index++;
    // BuildKit places NoEmptyContinuation at the instruction's last line, the rest at its first.
    const offset = diagnostic.code === 'NoEmptyContinuation' ? tree.end(index) - 1 : tree.start(index);
    const key = `${diagnostic.code}:${doc.text.positionAt(offset).line + 1}`;
    if (diagnostic.code === 'NoEmptyContinuation' && found.includes(key)) continue;
    found.push(key);
  }
  return { found, errors, ruleFailures };
}

/** Sorted, so that two lists compare equal when they hold the same keys the same number of times. */
function sorted(keys: readonly string[]): string[] {
  return [...keys].sort();
}

const FILES = [
  ...readExpected('real-world').map((expected) => ({ set: 'real-world' as const, expected })),
  ...readExpected('buildkit-parser').map((expected) => ({ set: 'buildkit-parser' as const, expected })),
].filter(({ expected }) => expected.parse_error === null);

describe('build checks agree with BuildKit on the corpus', () => {
  it.each(FILES.map((f) => [`${f.set}/${f.expected.file}`, f] as const))('%s', (_name, { set, expected }) => {
    const text = readCorpusFile(set, expected.file);
    const { found, ruleFailures } = ourWarnings(text);
    expect(ruleFailures).toEqual([]);
    let ours = found;
    if (expected.lint_error) ours = ours.filter((key) => reachedBefore(key.split(':')[0], Number(key.split(':')[1]), expected.lint_error!));
    const theirs = expected.warnings.filter((w) => IMPLEMENTED.has(w.rule) && !setByBaseImage(text, w)).map((w) => `${w.rule}:${w.start_line}`);
    expect(sorted(ours)).toEqual(sorted(theirs));
  });

  it('leaves out exactly the UndefinedVar warnings of names the base images set', () => {
    const removed: Record<string, number> = {};
    for (const { set, expected } of FILES) {
      const text = readCorpusFile(set, expected.file);
      for (const warning of expected.warnings) {
        if (!setByBaseImage(text, warning)) continue;
        const name = /'\$(\w+)'/.exec(warning.message)![1];
        removed[name] = (removed[name] ?? 0) + 1;
      }
    }
    expect(removed).toEqual(IMAGE_ENV_REMOVED);
    expect(Object.values(removed).reduce((a, b) => a + b, 0)).toBe(40);
  });

  it.each(FILES.map((f) => [`${f.set}/${f.expected.file}`, f] as const))('%s with experimental=all', (_name, { set, expected }) => {
    const text = readCorpusFile(set, expected.file);
    const ours = ourWarnings(text, 'experimental=all').found.filter((key) => key.startsWith('InvalidDefinitionDescription:'));
    const theirs = expected.warnings_experimental.map((w) => `${w.rule}:${w.start_line}`);
    expect(sorted(ours)).toEqual(sorted(theirs));
  });

  it('reports no error-severity check on any real-world file', () => {
    const errors: string[] = [];
    for (const { set, expected } of FILES) {
      if (set !== 'real-world') continue;
      for (const error of ourWarnings(readCorpusFile(set, expected.file)).errors) errors.push(`${expected.file}: ${error}`);
    }
    expect(errors).toEqual([]);
  });

  it('covers every file of the real-world set (all of them parse)', () => {
    expect(FILES.filter((f) => f.set === 'real-world')).toHaveLength(379);
  });
});
