// Facts about one stage that depend on its nodes alone, computed once per stage analysis
// (`DockerfileModel.partOf`) and shared by every later version that keeps it, so file rules that
// need the whole file still cost only the stages an edit touched. Such facts hold node indexes and
// offsets relative to the stage's FROM, never absolute ones.

import type { DockerfileModel, Stage } from '../semantics';
import type { FileContext } from './types';

/**
 * `compute(model, stage)`, once per stage analysis. `compute` should be a function made once (not an
 * arrow written at the call): file rules ask for every stage at every version, and a closure made per
 * call was thousands of objects per keystroke.
 */
export function perPart<T>(memo: WeakMap<object, T>, model: DockerfileModel, stage: Stage, compute: (model: DockerfileModel, stage: Stage) => T): T {
  const part = model.partOf(stage.index);
  let value = memo.get(part);
  if (value === undefined) {
    value = compute(model, stage);
    memo.set(part, value);
  }
  return value;
}

/**
 * For a whole-file pass that nearly always finds nothing (a file rule, the stage graph): the last
 * model it found nothing in, held weakly so a closed document's analysis is not kept for it. A later
 * model must find nothing too when its result depends only on the global part and on `key` of each
 * stage (the facts the pass reads of it), and it has that model's global part and as many stages,
 * each the same part or one with the same key. Comparing parts by identity costs a fraction of the
 * pass, and keys are made only for the stages an edit replaced.
 */
export class QuietMemo {
  private last: WeakRef<DockerfileModel> | undefined;

  constructor(private readonly key: (model: DockerfileModel, stage: Stage) => string | undefined) {}

  /** Whether `model` is known to have nothing to find. */
  quiet(model: DockerfileModel): boolean {
    const previous = this.last?.deref();
    if (!previous || previous.partOf(-1) !== model.partOf(-1)) return false;
    const stages = model.stages;
    if (stages.length !== previous.stages.length) return false;
    for (let s = 0; s < stages.length; s++) {
      if (model.partOf(s) !== previous.partOf(s) && this.key(model, stages[s]) !== this.key(previous, previous.stages[s])) return false;
    }
    return true;
  }

  /** What a pass over `model` found: when nothing, later models are compared with it. */
  record(model: DockerfileModel, foundNothing: boolean): void {
    if (foundNothing) this.last = new WeakRef(model);
  }
}

/** A file rule's check that skips the models `memo` knows to have nothing to find, and tells it what it found. */
export function quietly(memo: QuietMemo, check: (context: FileContext) => void): (context: FileContext) => void {
  return (context) => {
    if (memo.quiet(context.model)) return;
    let found = false;
    check({
      ...context,
      report: (problem) => {
        found = true;
        context.report(problem);
      },
    });
    memo.record(context.model, !found);
  };
}
