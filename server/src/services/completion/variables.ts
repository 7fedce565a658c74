// Variables after `$` and `${`: the ARGs and ENVs in scope at the cursor, in the form the user
// started (`$NAME`, `${NAME}`). Which variables make sense depends on who expands the text: the
// builder (declared ARG and ENV), the shell of a RUN step (also the proxy ARGs), or the running
// container for CMD/ENTRYPOINT/HEALTHCHECK (ENV only: ARGs are gone by then). In an ONBUILD trigger,
// the same as it runs in a later build: the image's ENV and the stage's earlier ONBUILD ARG and ENV.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { PREDEFINED_ARGS } from '../../facts';
import { charAfterWord, item, type CompletionRequest } from './items';

/** Who expands the variable being typed (in an ONBUILD trigger, when a later build runs it). */
export type Expansion = 'builder' | 'global' | 'run' | 'runtime';

export interface VariablePrefix {
  /** Where the typed name starts (just after `$` or `${`). */
  readonly from: number;
  readonly braced: boolean;
}

/** The `$name` or `${name` that ends `text`, unless its `$` is escaped. */
export function variablePrefix(text: string, offset: number, escape: string): VariablePrefix | undefined {
  const match = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(text);
  if (!match) return undefined;
  // `$$` is a special parameter (the process id), so after an even run of `$` a name is plain text.
  let dollars = 1;
  while (match.index - dollars >= 0 && text[match.index - dollars] === '$') dollars++;
  let escapes = 0;
  for (let i = match.index - dollars; i >= 0 && text[i] === escape; i--) escapes++;
  if (escapes % 2 === 1) dollars--;
  if (dollars % 2 === 0) return undefined;
  return { from: offset - (match[2]?.length ?? 0), braced: match[1] === '{' };
}

const DETAIL_LIMIT = 60;

function shorten(text: string): string {
  return text.length > DETAIL_LIMIT ? text.slice(0, DETAIL_LIMIT - 1) + '…' : text;
}

/** `inTrigger`: the text is an ONBUILD trigger's, which sees what it runs with in a later build. */
export function variableItems(request: CompletionRequest, prefix: VariablePrefix, expansion: Expansion, scopeOffset: number, inTrigger = false): CompletionItem[] {
  const { doc } = request;
  // `${NA|` gets its `}`, unless the reference goes on after the name: `}` or an operator (`:-`, `%%`...).
  const closeBrace = prefix.braced && !/^[}:\-+?#%/]/.test(charAfterWord(request, 'name'));
  const insert = (name: string) => (closeBrace ? `${name}}` : name);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const scope = inTrigger ? doc.model.triggerScopeAt(scopeOffset) : doc.model.visibleAt(scopeOffset);
  const imageOnly = expansion === 'runtime';
  for (const [name, inScope] of scope) {
    // The container sees the image's ENV, also where an ARG overrides it while building.
    const binding = imageOnly && inScope.declaration?.kind !== 'env' ? inScope.env : inScope;
    const declaration = binding?.declaration;
    if (!binding) continue;
    if (imageOnly) {
      if (declaration?.kind !== 'env') continue;
    } else if (!declaration && !binding.predefined) continue;
    seen.add(name);
    // A variable set by the base stage's trigger names it, as hover does: no ENV of the file sets it here.
    const keyword = declaration && `${declaration.trigger ? 'ONBUILD ' : ''}${declaration.kind.toUpperCase()}`;
    const detail = declaration
      ? shorten(`${keyword} ${name}${binding.value !== undefined ? `=${binding.value}` : declaration.rawValue !== undefined ? `=${declaration.rawValue}` : ''}`)
      : 'automatic build argument';
    // Of the automatic arguments, the two whole platforms first: `--platform=$BUILDPLATFORM` is their commonest use.
    const rank = declaration ? 0 : name === 'BUILDPLATFORM' || name === 'TARGETPLATFORM' ? 1 : 2;
    items.push(
      item(request, name, CompletionItemKind.Variable, prefix.from, insert(name), rank, {
        word: 'name',
        detail,
        ...(declaration ? {} : { data: { k: 'arg', key: name } }),
      }),
    );
  }
  // Every stage, and so every image and container, has a PATH (the base image's, or BuildKit's
  // default; in a Windows stage, the base image's and Windows' own), declared or not; before the
  // first FROM and in FROM lines only build arguments exist.
  const stage = expansion !== 'global' ? doc.model.stageAt(scopeOffset) : undefined;
  if (!seen.has('PATH') && stage !== undefined) {
    items.push(
      item(request, 'PATH', CompletionItemKind.Variable, prefix.from, insert('PATH'), 1, {
        word: 'name',
        detail: stage.windows ? 'set by the base image and Windows' : 'set in every stage, by the base image or BuildKit',
      }),
    );
  }
  // A RUN step's shell also sees the proxy arguments the build passes, declared or not.
  if (expansion === 'run') {
    for (const arg of PREDEFINED_ARGS) {
      if (arg.group !== 'proxy' || seen.has(arg.name)) continue;
      items.push(
        // The uppercase spelling first, as most tools document it.
        item(request, arg.name, CompletionItemKind.Variable, prefix.from, insert(arg.name), arg.name === arg.name.toUpperCase() ? 3 : 4, {
          word: 'name',
          detail: 'predefined proxy argument',
          data: { k: 'arg', key: arg.name },
        }),
      );
    }
  }
  return items;
}
