// Variables after `$` and `${`: the ARGs and ENVs in scope at the cursor, in the form the user
// started (`$NAME`, `${NAME}`). Which variables make sense depends on who expands the text: the
// builder (declared ARG and ENV), the shell of a RUN step (also the proxy ARGs), or the running
// container for CMD/ENTRYPOINT/HEALTHCHECK (ENV only: ARGs are gone by then). In an ONBUILD trigger,
// the same as it runs in a later build: the image's ENV and the stage's earlier ONBUILD ARG and ENV.
// Text a Windows shell reads names them in its own syntax: PowerShell reads the environment as
// `$env:NAME` or `${env:NAME}` (a bare `$NAME` is the script's own variable), cmd as `%NAME%`.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { PREDEFINED_ARGS } from '../../facts';
import { foldName } from '../../semantics';
import { scanCmdVariables, type WindowsShell } from '../../syntax';
import { charAfterWord, item, type CompletionRequest } from './items';

/** Who expands the variable being typed (in an ONBUILD trigger, when a later build runs it). */
export type Expansion = 'builder' | 'global' | 'run' | 'runtime';

export interface VariablePrefix {
  /** Where the reference being typed starts: its `$` (or `%`). */
  readonly start: number;
  /** Where the typed name starts (just after `$` or `${`). */
  readonly from: number;
  readonly braced: boolean;
  /** The Windows shell whose syntax it is written in; absent for BuildKit's and a POSIX shell's. */
  readonly shell?: WindowsShell;
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
  const from = offset - (match[2]?.length ?? 0);
  return { start: offset - match[0].length, from, braced: match[1] === '{' };
}

/**
 * The reference to the environment being typed at the end of `text` in a Windows shell's syntax:
 * PowerShell's `$`, `$e`, `$env:NA`, `${`, `${env:NA` (any `$name` may still become `$env:…`, but
 * not one of another scope, `$script:x`, nor an escaped `` `$ ``), cmd's opening `%` and the name
 * after it (not the `%` that closes `%NAME%`).
 */
export function windowsVariablePrefix(text: string, offset: number, shell: WindowsShell): VariablePrefix | undefined {
  if (shell === 'cmd') {
    const match = /%[A-Za-z0-9_()]*$/.exec(text);
    if (!match) return undefined;
    // cmd pairs percent signs from the start of the line: one that closes a reference opens none.
    if (scanCmdVariables(text, 0, match.index + 1).some((ref) => ref.end === match.index + 1)) return undefined;
    return { start: offset - match[0].length, from: offset - match[0].length + 1, braced: false, shell };
  }
  const match = /\$(\{?)([A-Za-z0-9_]*)(:[A-Za-z0-9_]*)?$/.exec(text);
  if (!match) return undefined;
  if (match[3] !== undefined && match[2].toLowerCase() !== 'env') return undefined;
  let ticks = 0;
  for (let i = match.index - 1; i >= 0 && text[i] === '`'; i--) ticks++;
  if (ticks % 2 === 1) return undefined;
  const start = offset - match[0].length;
  return { start, from: start + (match[1] ? 2 : 1), braced: match[1] === '{', shell };
}

/** How an item writes a variable's name: its label, the text it inserts, and where that text starts. */
interface ReferenceForm {
  readonly from: number;
  label(name: string): string;
  text(name: string): string;
}

function referenceForm(request: CompletionRequest, prefix: VariablePrefix): ReferenceForm {
  // A braced reference gets its closing brace (cmd its closing `%`) unless one is there already;
  // BuildKit's `${NA|` also not when an operator follows (`:-`, `%%`...).
  const after = charAfterWord(request, 'name');
  if (prefix.shell === 'cmd') {
    const close = after !== '%';
    return { from: prefix.start, label: (name) => `%${name}%`, text: (name) => (close ? `%${name}%` : `%${name}`) };
  }
  if (prefix.shell === 'powershell') {
    const close = prefix.braced && after !== '}';
    const label = (name: string) => (prefix.braced ? `\${env:${name}}` : `$env:${name}`);
    return { from: prefix.start, label, text: (name) => (prefix.braced && !close ? `\${env:${name}` : label(name)) };
  }
  const close = prefix.braced && !/^[}:\-+?#%/]/.test(after);
  return { from: prefix.from, label: (name) => name, text: (name) => (close ? `${name}}` : name) };
}

const DETAIL_LIMIT = 60;

export function shorten(text: string): string {
  return text.length > DETAIL_LIMIT ? text.slice(0, DETAIL_LIMIT - 1) + '…' : text;
}

/** `inTrigger`: the text is an ONBUILD trigger's, which sees what it runs with in a later build. */
export function variableItems(request: CompletionRequest, prefix: VariablePrefix, expansion: Expansion, scopeOffset: number, inTrigger = false): CompletionItem[] {
  const { doc } = request;
  const form = referenceForm(request, prefix);
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
      item(request, form.label(name), CompletionItemKind.Variable, form.from, form.text(name), rank, {
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
  // (A Windows stage's `Path` is PATH.)
  const hasPath = stage?.windows ? [...seen].some((name) => foldName(name) === 'PATH') : seen.has('PATH');
  if (!hasPath && stage !== undefined) {
    items.push(
      item(request, form.label('PATH'), CompletionItemKind.Variable, form.from, form.text('PATH'), 1, {
        word: 'name',
        detail: stage.windows ? 'set by the base image and Windows' : 'set in every stage, by the base image or BuildKit',
      }),
    );
  }
  // A RUN step's shell also sees the proxy arguments the build passes, declared or not.
  if (expansion === 'run') {
    // In a Windows stage `http_proxy` is `HTTP_PROXY`: each once, in its uppercase spelling.
    const folded = stage?.windows ? new Set([...seen].map(foldName)) : undefined;
    for (const arg of PREDEFINED_ARGS) {
      if (arg.group !== 'proxy' || seen.has(arg.name)) continue;
      if (folded) {
        if (arg.name !== arg.name.toUpperCase() || folded.has(foldName(arg.name))) continue;
      }
      items.push(
        // The uppercase spelling first, as most tools document it.
        item(request, form.label(arg.name), CompletionItemKind.Variable, form.from, form.text(arg.name), arg.name === arg.name.toUpperCase() ? 3 : 4, {
          word: 'name',
          detail: 'predefined proxy argument',
          data: { k: 'arg', key: arg.name },
        }),
      );
    }
  }
  return items;
}
