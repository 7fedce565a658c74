// Facts about one stage that depend on its nodes alone, computed once per stage analysis
// (`DockerfileModel.partOf`) and shared by every later version that keeps it, so file rules that
// need the whole file still cost only the stages an edit touched. Such facts hold node indexes and
// offsets relative to the stage's FROM, never absolute ones.

import type { DockerfileModel, Stage } from '../semantics';

export function perPart<T>(memo: WeakMap<object, T>, model: DockerfileModel, stage: Stage, compute: () => T): T {
  const part = model.partOf(stage.index);
  let value = memo.get(part);
  if (value === undefined) {
    value = compute();
    memo.set(part, value);
  }
  return value;
}
