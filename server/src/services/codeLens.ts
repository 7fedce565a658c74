// textDocument/codeLens: above each FROM, the stage's name and index, how many other stages use
// it (FROM, COPY --from, RUN --mount from=), and whether a plain `docker build` builds it at all:
// BuildKit builds the last stage and only the stages it depends on. Clicking a used stage's lens
// shows its references through the client command SHOW_REFERENCES_COMMAND (arguments: uri,
// position, locations), which the VS Code client implements; other editors still get the title.

import type { CodeLens, Location } from 'vscode-languageserver-types';
import type { Stage } from '../semantics';
import { rangeOf, type AnalyzedDocument } from './document';
import { stageReferencesTo } from './navigation/targets';

export const SHOW_REFERENCES_COMMAND = 'dockerfile-lsp.showReferences';

/** Stage indexes that the default build (the last stage) needs. */
function builtByDefault(stages: readonly Stage[], dependencies: readonly Set<number>[]): Set<number> {
  const built = new Set<number>();
  const pending = stages.length ? [stages.length - 1] : [];
  while (pending.length) {
    const index = pending.pop()!;
    if (built.has(index)) continue;
    built.add(index);
    pending.push(...dependencies[index]);
  }
  return built;
}

/** `targetable`: `--target <name>` builds this stage (a name several stages share means the last of them). */
function lensTitle(stage: Stage, users: number, isLast: boolean, built: boolean, targetable: boolean): string {
  const parts = [stage.name ? `${stage.name} (stage ${stage.index})` : `stage ${stage.index}`];
  if (users > 0) parts.push(`used by ${users} other stage${users === 1 ? '' : 's'}`);
  else parts.push(isLast ? 'final stage, built by default' : 'not used by other stages');
  if (!built) parts.push(targetable ? `built only with --target ${stage.name}` : 'not built by default');
  return parts.join(' · ');
}

export function getCodeLenses(doc: AnalyzedDocument, enabled: boolean): CodeLens[] {
  if (!enabled) return [];
  const model = doc.model;
  const { stages } = model;
  const dependencies = stages.map(() => new Set<number>());
  const references = stages.map((stage) =>
    stageReferencesTo(model, stage).filter((r) => {
      const user = model.stageOfNode(r.nodeIndex);
      if (!user || user === stage) return false;
      dependencies[user.index].add(stage.index);
      return true;
    }),
  );
  const built = builtByDefault(stages, dependencies);
  return stages.map((stage) => {
    const keyword = stage.from.keyword;
    const range = rangeOf(doc, stage.fromStart + keyword.start, stage.fromStart + keyword.end);
    const refs = references[stage.index];
    const users = new Set(refs.map((r) => model.stageOfNode(r.nodeIndex)!.index)).size;
    const targetable = stage.nameLower !== undefined && model.lastNamed(stage.nameLower) === stage;
    const title = lensTitle(stage, users, stage.index === stages.length - 1, built.has(stage.index), targetable);
    if (users === 0) return { range, command: { title, command: '' } };
    const locations: Location[] = refs.map((r) => ({ uri: doc.uri, range: rangeOf(doc, r.span.start, r.span.end) }));
    return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [doc.uri, range.start, locations] } };
  });
}
