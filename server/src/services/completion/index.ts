// textDocument/completion: finds what the cursor is in (cursor.ts) and asks the module for that
// context. Every context answers only what can be written there; anything else gets an empty
// list, which matters because ` ` is a trigger character and fires on every space.

import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import { getInstruction, type InstructionFact, type InstructionName } from '../../facts';
import { cursorContext, inDirectiveBlock, type CursorContext, type InstructionPrefix, type PrefixWord } from '../cursor';
import { offsetOf, type AnalyzedDocument } from '../document';
import type { DocFormat } from '../markup';
import type { StageShell } from '../../semantics';
import { cmdPowerShellScript, execShellScript, heredocIsShellInput, runIsOnlyHeredoc, runsBodyWithInterpreter, scanPowerShellVariables, windowsShellOf, type InstructionNode, type WindowsShell } from '../../syntax';
import { argumentItems } from './arguments';
import { commentItems } from './directives';
import { flagNameItems, flagValueItems, type FlagContext } from './flags';
import type { CompletionRequest } from './items';
import { pinnedFrontend } from '../../rules/frontendPin';
import { keywordItems } from './keywords';
import { variableItems, variablePrefix, windowsVariablePrefix, type Expansion, type VariablePrefix } from './variables';

export { resolveCompletionItem } from './resolve';

export interface CompletionOptions {
  readonly snippets: boolean;
  /** Documentation format for items documented directly. */
  readonly format: DocFormat;
  /** The character that triggered the request, when one did. */
  readonly triggerCharacter?: string;
  /** The client takes InsertReplaceEdits (insert up to the cursor, or replace the whole word). */
  readonly insertReplace?: boolean;
}

/**
 * The characters that open a completion context (`%`: a variable in the text cmd runs, and nothing
 * else; `?` and `&`: the query of a Git URL that ADD clones, and nothing else, though `&&` fires them in every RUN).
 */
export const TRIGGER_CHARACTERS: readonly string[] = ['-', '=', '$', '{', ',', '/', ' ', '#', '%', '?', '&'];

/** The triggers that only a Git URL's query answers. */
const QUERY_TRIGGERS: ReadonlySet<string | undefined> = new Set(['?', '&']);

/** Instructions whose next word has a vocabulary worth showing as soon as a space is typed. */
const SPACE_CONTEXTS: ReadonlySet<string> = new Set(['FROM', 'HEALTHCHECK', 'STOPSIGNAL']);

export function getCompletions(doc: AnalyzedDocument, position: Position, options: CompletionOptions): CompletionList {
  const request: CompletionRequest = {
    doc,
    offset: offsetOf(doc, position),
    snippets: options.snippets,
    invoked: options.triggerCharacter === undefined,
    format: options.format,
    insertReplace: options.insertReplace === true,
  };
  return { isIncomplete: false, items: completeAt(request, cursorContext(doc, request.offset), options.triggerCharacter) };
}

function completeAt(request: CompletionRequest, context: CursorContext, trigger: string | undefined): CompletionItem[] {
  switch (context.kind) {
    case 'line':
      return lineItems(request, context, trigger);
    case 'instruction':
      return instructionItems(request, context.prefix, trigger);
    case 'heredoc':
      return heredocItems(request, context, trigger);
    case 'inner-comment':
      return [];
  }
}

function textAfterCursor(request: CompletionRequest): boolean {
  const rest = request.doc.tree.slice(request.offset, request.offset + 200);
  return /^[^\S\r\n]*[^\s]/.test(rest);
}

function beforeFirstFrom(request: CompletionRequest, start: number): boolean {
  return !request.doc.model.stages.some((stage) => stage.fromStart < start);
}

function lineItems(request: CompletionRequest, context: Extract<CursorContext, { kind: 'line' }>, trigger: string | undefined): CompletionItem[] {
  const { doc } = request;
  if (trigger === '%' || QUERY_TRIGGERS.has(trigger)) return [];
  if (context.linePrefix.trimStart().startsWith('#')) {
    const nodeIndex = context.node?.index ?? doc.tree.nodeCount;
    const present = doc.tree
      .directives()
      .filter((d) => d.index !== nodeIndex)
      .map((d) => d.node.name.toLowerCase());
    return commentItems(request, { prefix: context.linePrefix, lineStart: context.lineStart, directivePosition: inDirectiveBlock(doc, nodeIndex), present });
  }
  if (context.linePrefix.trim() !== '' || trigger !== undefined) return [];
  return keywordItems(request, {
    from: request.offset,
    onbuild: false,
    beforeFirstFrom: beforeFirstFrom(request, context.lineStart),
    textAfter: textAfterCursor(request),
    nodeIndex: context.node?.index ?? -1,
  });
}

function heredocItems(request: CompletionRequest, context: Extract<CursorContext, { kind: 'heredoc' }>, trigger: string | undefined): CompletionItem[] {
  const { doc, offset } = request;
  const { node, start } = context.entry;
  const owner = node.name === 'ONBUILD' ? node.trigger : node;
  const heredoc = node.heredocs[context.index];
  if (!owner || !heredoc || QUERY_TRIGGERS.has(trigger)) return [];
  const line = doc.tree.slice(doc.text.offsetAt({ line: doc.text.positionAt(offset).line, character: 0 }), offset);
  // The body of a RUN that is only this heredoc is the script BuildKit runs.
  const script = runIsOnlyHeredoc(node, node.heredocs);
  // A Windows shell takes that script as its command line, in its own syntax; it has no
  // here-documents, so any other body is data nothing expands.
  const shell = owner.name === 'RUN' ? windowsShell(doc.model.shellAt(context.entry.index)?.kind) : undefined;
  if (shell && !script) return [];
  const variable = shell ? windowsVariablePrefix(line, offset, shell) : variablePrefix(line, offset, doc.tree.escape);
  if (!variable || (trigger === '%' && variable.shell !== 'cmd')) return [];
  // A script run by its `#!` interpreter (python, node...): `$` is the script's own text. Not on
  // Windows, where the shell gets the body whatever its first line.
  if (script && runsBodyWithInterpreter(heredoc, doc.model.stageOfNode(context.entry.index)?.windows === true)) return [];
  let expansion: Expansion | undefined;
  // A quoted body is no script unless BuildKit runs it as one or a shell reads it as its script (`sh <<'EOF'`).
  if (owner.name === 'RUN' && (heredoc.expand || script || heredocIsShellInput(node, context.index, doc.tree.nodeText(context.entry.index)))) expansion = 'run';
  else if (owner.name !== 'RUN' && heredoc.expand) expansion = 'builder';
  return expansion ? variableItems(request, variable, expansion, start, node.name === 'ONBUILD') : [];
}

interface InstructionWords {
  readonly instruction: InstructionFact;
  readonly keyword: PrefixWord;
  /** Complete words after the keyword, before the word being typed. */
  readonly rest: readonly PrefixWord[];
  readonly current: PrefixWord;
  readonly onbuild: boolean;
  /**
   * The arguments are (or are being typed as) a JSON array, which no shell reads: 'literal'; or the
   * string at the cursor is a shell's script in one (`["sh", "-c", "…"]`): 'script'.
   */
  readonly exec: 'literal' | 'script' | undefined;
  /** That script's shell, when it is PowerShell or cmd (`["powershell", "-Command", "…"]`). */
  readonly execShell?: WindowsShell;
}

function isFlagWord(word: PrefixWord): boolean {
  return word.text.startsWith('--');
}

/** Flags end at the first word that is not one, or at a bare `--`. */
function flagsEnded(rest: readonly PrefixWord[]): boolean {
  return rest.some((w) => !isFlagWord(w) || w.text === '--');
}

function instructionItems(request: CompletionRequest, prefix: InstructionPrefix, trigger: string | undefined): CompletionItem[] {
  const { words, entry } = prefix;
  const current = words[words.length - 1];
  // A word continued from an earlier line cannot be replaced by a one-line edit (but see below).
  const continued = current.start < prefix.lineStart;
  const keywordContext = { from: current.start, beforeFirstFrom: beforeFirstFrom(request, entry.start), textAfter: textAfterCursor(request), nodeIndex: entry.index };
  if (words.length === 1) return trigger === undefined && !continued ? keywordItems(request, { ...keywordContext, onbuild: false }) : [];
  let keyword = words[0];
  let rest = words.slice(1, -1);
  let onbuild = false;
  if (keyword.text.toUpperCase() === 'ONBUILD') {
    onbuild = true;
    if (words.length === 2) return (trigger === undefined || trigger === ' ') && !continued ? keywordItems(request, { ...keywordContext, onbuild: true }) : [];
    keyword = words[1];
    rest = words.slice(2, -1);
  }
  const instruction = getInstruction(keyword.text);
  // FROM, ONBUILD and MAINTAINER cannot be triggers: nothing to complete after them in an ONBUILD.
  if (!instruction || (onbuild && !instruction.allowedInOnbuild)) return [];
  const node = onbuild ? entry.node.trigger : entry.node;
  const parts: InstructionWords = { instruction, keyword, rest, current, onbuild, ...execForm(request, node, [...rest, current]) };
  const shell = windowsShellOfCommand(request, parts, entry.index);
  const variable =
    (shell === 'cmd' && parts.exec === undefined ? powerShellInCmdPrefix(parts, request.offset) : undefined) ??
    (shell ? windowsVariablePrefix(prefix.text, request.offset, shell) : variablePrefix(prefix.text, request.offset, request.doc.tree.escape));
  // A `$name` at the end of a continued word can be completed when its `$` is on the cursor's line (a
  // quoted string often runs over several lines), but not in the keyword (`RUN\` then `$` is the one word `RUN$`).
  // So can a flag value whose part being typed is on that line (`--mount=type=cache,\` then `sharing=`).
  const continuedFlagValue = continued && !variable && !prefix.inQuote && !flagsEnded(rest) && current.text.startsWith('--') && current.text.includes('=');
  if (continued && !continuedFlagValue && !(variable && variable.start >= prefix.lineStart)) return [];
  if (trigger === '%' && variable?.shell !== 'cmd') return [];
  const queryTrigger = QUERY_TRIGGERS.has(trigger);
  if (queryTrigger && (variable || instruction.name !== 'ADD')) return [];

  if (variable) {
    // Inside single quotes `$` is plain text, for BuildKit's lexer, a POSIX shell (`awk '{print $1}'`)
    // and PowerShell; cmd reads `%` in any quotes.
    const expansion = prefix.singleQuoted && variable.shell !== 'cmd' ? undefined : expansionAt(parts);
    if (!expansion) return [];
    return variableItems(request, variable, expansion, entry.start, onbuild);
  }
  // A signal may be quoted (`STOPSIGNAL "SIGTERM"`): BuildKit's lexer removes the quotes. So may an ADD source,
  // in a JSON array too (`ADD ["https://…/repo.git?`), whose Git URL's query keys are completed.
  const opening = !prefix.inQuote ? '' : QUOTED_ARGUMENT[instruction.name]?.exec(current.text)?.[0];
  if ((continued && !continuedFlagValue) || opening === undefined) return [];

  const flagsDone = flagsEnded(rest);
  const flagContext: FlagContext = {
    instruction,
    // The flags written before the cursor, and after it on the instruction.
    given: [...rest.filter(isFlagWord).map((w) => flagName(w.text)), ...laterFlags(node, entry.start, current)],
    labs: labsChannel(request.doc),
    // An ONBUILD trigger runs under the frontend of the child build, not this file's.
    frontend: onbuild ? undefined : pinnedFrontend(request.doc.tree),
    onbuild,
    instructionStart: entry.start,
  };
  if (!flagsDone && current.text.startsWith('-')) {
    if (queryTrigger) return [];
    const eq = current.text.indexOf('=');
    if (eq < 0) return trigger === ' ' ? [] : flagNameItems(request, flagContext, current.start);
    if (!continued) return flagValueItems(request, flagContext, current.text.slice(2, eq), current.text.slice(eq + 1), current.start + eq + 1);
    // The word's text has no line breaks, and its part on the cursor's line ends at the cursor: where
    // its value starts if all of it were on this line. An item whose edit would start on an earlier line is left out.
    const valueStart = request.offset - (current.text.length - eq - 1);
    return flagValueItems(request, flagContext, current.text.slice(2, eq), current.text.slice(eq + 1), valueStart).filter((entry) => editStart(request, entry) >= prefix.lineStart);
  }
  if (trigger === ' ' && !SPACE_CONTEXTS.has(instruction.name)) return [];
  const firstArg = rest.findIndex((w) => !isFlagWord(w));
  const index = firstArg < 0 ? 0 : rest.length - firstArg;
  const items = argumentItems(request, {
    instruction,
    index,
    typed: current.text.slice(opening.length),
    from: current.start + opening.length,
    keyword: keyword.text,
    onbuild,
    instructionStart: entry.start,
    textAfter: keywordContext.textAfter,
    flagged: rest.slice(0, firstArg < 0 ? rest.length : firstArg).some(isFlagWord),
    json: parts.exec !== undefined,
  });
  if (queryTrigger) return items.filter(isGitQueryItem);
  // Before the first argument an explicit request also lists the flags.
  if (!flagsDone && current.text === '' && request.invoked) items.push(...flagNameItems(request, flagContext, current.start, 100));
  return items;
}

function isGitQueryItem(entry: CompletionItem): boolean {
  return (entry.data as { k?: string } | undefined)?.k === 'git-query';
}

/** Where an item's edit starts, as a document offset. */
function editStart(request: CompletionRequest, entry: CompletionItem): number {
  const edit = entry.textEdit;
  if (!edit) return request.offset;
  return offsetOf(request.doc, 'range' in edit ? edit.range.start : edit.insert.start);
}

/** Where completion reads a word inside quotes, what may open it: the quote, and for ADD a JSON array's `[`. */
const QUOTED_ARGUMENT: Partial<Record<InstructionName, RegExp>> = { STOPSIGNAL: /^["']/, ADD: /^\[?["']/ };

/** A JSON array up to an unterminated string, or up to a string's end: an exec form being typed. */
const JSON_ARRAY_PREFIX = /^\[\s*(?:"(?:[^"\\]|\\.)*"\s*,\s*)*(?:"(?:[^"\\]|\\.)*)?$/;

/**
 * Whether the command at the cursor is the exec form. BuildKit reads the arguments as a JSON array
 * when they are one; while one is being typed (nothing after the cursor yet) an array's beginning
 * counts too. `RUN [ "$A" = x ]` is the shell's test command, not an array.
 */
function execForm(request: CompletionRequest, node: InstructionNode | undefined, words: readonly PrefixWord[]): Pick<InstructionWords, 'exec' | 'execShell'> {
  const args = words.filter((w) => !isFlagWord(w));
  const command = node?.name === 'HEALTHCHECK' ? args.slice(1) : args;
  const typed = command[0] ? request.doc.tree.slice(command[0].start, request.offset) : '';
  if (!node?.json && !(command[0]?.text.startsWith('[') && JSON_ARRAY_PREFIX.test(typed) && !textAfterCursor(request))) return { exec: undefined };
  const script = scriptShell(typed);
  return script === undefined ? { exec: 'literal' } : { exec: 'script', execShell: script === 'posix' ? undefined : script };
}

/**
 * The shell whose script the last string of a typed JSON array prefix is (as the parser decides):
 * 'posix', or PowerShell or cmd; undefined when it is no shell's script.
 */
function scriptShell(typed: string): 'posix' | WindowsShell | undefined {
  const strings = [...typed.matchAll(/"((?:[^"\\]|\\.)*)("?)/g)];
  const last = strings[strings.length - 1];
  if (!last || last[2] === '"') return undefined;
  const values = strings.map((m) => {
    try {
      return { value: JSON.parse(`"${m[1]}"`) as string };
    } catch {
      return { value: m[1] };
    }
  });
  const script = execShellScript(values);
  if (typeof script !== 'object') return undefined;
  if ('index' in script) return script.index === values.length - 1 ? 'posix' : undefined;
  return values.length - 1 > script.windows ? windowsShellOf(values[script.windows].value) : undefined;
}

/** The instructions whose shell form runs in the stage's shell. */
const SHELL_FORM_COMMANDS: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

function windowsShell(shell: StageShell | undefined): WindowsShell | undefined {
  return shell === 'posix' ? undefined : shell;
}

/**
 * The Windows shell that reads the command text at the cursor, if one does: the program of an exec
 * form whose script it is, or for a shell form the shell the model says it runs in (an ONBUILD
 * trigger's: the one it runs in in a later build). Flags are BuildKit's text.
 */
function windowsShellOfCommand(request: CompletionRequest, parts: InstructionWords, nodeIndex: number): WindowsShell | undefined {
  if (!SHELL_FORM_COMMANDS.has(parts.instruction.name) || (!flagsEnded(parts.rest) && isFlagWord(parts.current))) return undefined;
  if (parts.exec === 'script') return parts.execShell;
  if (parts.exec === 'literal') return undefined;
  return windowsShell(request.doc.model.shellAt(nodeIndex)?.kind);
}

/**
 * A `$` reference being typed in the PowerShell script that a cmd command line starts (`powershell
 * -Command "echo $env:|"`): cmd passes it on, PowerShell reads the environment as `$env:NAME`.
 * Only where the parser reads the finished reference as a use (not in PowerShell's single quotes).
 */
function powerShellInCmdPrefix(parts: InstructionWords, offset: number): VariablePrefix | undefined {
  const words = [...parts.rest, parts.current];
  const firstArg = words.findIndex((w) => !isFlagWord(w) || w.text === '--');
  const command = words.slice(firstArg < 0 ? words.length : firstArg + (words[firstArg].text === '--' ? 1 : 0));
  const line = (parts.instruction.name === 'HEALTHCHECK' ? command.slice(1) : command).map((w) => w.text).join(' ');
  const script = cmdPowerShellScript(line);
  if (script === undefined) return undefined;
  const variable = windowsVariablePrefix(script, offset, 'powershell');
  if (!variable) return undefined;
  const at = script.length - (offset - variable.start);
  const completed = script.slice(0, at) + '$env:NAME';
  return scanPowerShellVariables(completed, 0, completed.length).some((ref) => ref.start === at && !ref.local) ? variable : undefined;
}

/** Names of the flags written after the word being typed. */
function laterFlags(node: InstructionNode | undefined, start: number, current: PrefixWord): string[] {
  if (!node) return [];
  const names = node.flags.filter((f) => start + f.start > current.start).map((f) => f.name.text);
  // A flag being typed is a bare `--` at first, which ends the flags: what follows still counts.
  if (node.flagTerminator && start + node.flagTerminator.start === current.start) {
    for (const arg of node.argList) {
      if (!arg.text.startsWith('--') || arg.text === '--') break;
      names.push(flagName(arg.text));
    }
  }
  return names;
}

function flagName(text: string): string {
  const eq = text.indexOf('=');
  return text.slice(2, eq < 0 ? undefined : eq);
}

function labsChannel(doc: AnalyzedDocument): boolean {
  return doc.tree.directives().some((d) => d.node.name === 'syntax' && d.node.value.text.includes('labs'));
}

/** Who expands a `$` typed at the cursor (in an ONBUILD trigger: once a later build runs it), or undefined where nothing does. */
function expansionAt(parts: InstructionWords): Expansion | undefined {
  const { instruction, rest, current } = parts;
  if (!flagsEnded(rest) && isFlagWord(current)) {
    const eq = current.text.indexOf('=');
    const flag = instruction.flags.find((f) => f.name === flagName(current.text));
    if (eq < 0 || !flag?.expandsVariables) return undefined;
    // `--mount=...,from=` names a stage: variables are not allowed there.
    if (flag.value.kind === 'mount' && /(^|,)\s*from\s*=[^,]*$/i.test(current.text.slice(eq + 1))) return undefined;
    return instruction.name === 'FROM' ? 'global' : 'builder';
  }
  const args = [...rest.filter((w) => !isFlagWord(w)), current];
  // The exec form (a JSON array) runs without a shell: nothing expands `$` there.
  const exec = parts.exec;
  switch (instruction.name) {
    case 'FROM':
      return 'global';
    case 'RUN':
      return exec === 'literal' ? undefined : 'run';
    case 'CMD':
    case 'ENTRYPOINT':
      return exec === 'literal' ? undefined : 'runtime';
    case 'HEALTHCHECK':
      return args.length > 1 && exec !== 'literal' ? 'runtime' : undefined;
    default:
      return instruction.expandsVariables ? 'builder' : undefined;
  }
}
