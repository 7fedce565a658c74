// Where the shell, rather than the Dockerfile, gives a variable its value. A rename must not mix
// the two: a command that reads a Dockerfile variable and also sets that name (or the name it is
// being renamed to) in the shell would read the shell's value in place of the Dockerfile's.

import type { VariableUse } from '../../semantics';
import type { WindowsShell } from '../../syntax';
import type { AnalyzedDocument } from '../document';

/**
 * Where shell text sets `name` itself: an assignment at the start of a command (`FOO=1; …`,
 * `export FOO=…`, `local FOO=…`, `let FOO=…`), `for FOO in`, `select FOO in`, `read … FOO` (and
 * `getopts`, `mapfile`, `readarray`), `printf -v FOO` or `unset FOO`. A lenient pattern: it may
 * see an assignment where there is none, which only makes a rename refuse.
 */
function setsInShell(name: string): RegExp {
  const word = '[A-Za-z_][A-Za-z0-9_]*';
  // A single quote too: it starts the script of `sh -c '…'`, which the shell it starts reads.
  const commandStart = '(?:^|[;&|(){}`\\n\']|\\b(?:do|then|else|elif|if|while|until|time|CMD|!)[ \\t])[ \\t]*';
  const declare = `(?:(?:export|local|readonly|declare|typeset|let)(?:[ \\t]+-[A-Za-z]+)*[ \\t]+(?:${word}(?:=\\S*)?[ \\t]+)*)?`;
  return new RegExp(
    `${commandStart}${declare}${name}(?:\\[[^\\]]*\\])?\\+?=` +
      `|\\b(?:for|select)[ \\t]+${name}\\b` +
      // At a command's start only: one try per command keeps long lines of words linear.
      `|${commandStart}(?:read|getopts|mapfile|readarray)\\b[^;&|\\n]*[ \\t]${name}\\b` +
      `|\\bprintf[ \\t]+-v[ \\t]*${name}\\b` +
      `|\\bunset[ \\t]+(?:-v[ \\t]+)?${name}\\b`,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching `word` (letters and `-`) in any case, without the `i` flag that would fold a name beside it too. */
function anyCase(word: string): string {
  return word.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/**
 * Where a Windows shell's text sets the environment variable `name`: PowerShell's `$env:NAME = …`
 * (or `+=`…), `Set-Item env:NAME`, `Remove-Item env:NAME` and `SetEnvironmentVariable('NAME'`;
 * cmd's `set NAME=…` (also `set /a`, `set "NAME=…"`). The commands and `env:` in any case; the name
 * regardless of case only in a Windows stage (`foldCase`), since PowerShell on Linux reads the
 * environment case-sensitively. As lenient as `setsInShell`.
 */
function setsInWindowsShell(name: string, shell: WindowsShell, foldCase: boolean): RegExp {
  const quoted = escapeRegExp(name);
  const env = anyCase('env');
  if (shell === 'cmd') return new RegExp(`\\b${anyCase('set')}[ \\t]+(?:/[aApP][ \\t]+)?"?${quoted}=`, foldCase ? 'i' : '');
  return new RegExp(
    `\\$(?:${env}:${quoted}\\b|\\{${env}:${quoted}\\})[ \\t]*[-+*/%]?=` +
      `|\\b(?:${anyCase('Set-Item')}|${anyCase('New-Item')}|${anyCase('Remove-Item')})\\b[^;|\\n]*\\b${env}:${quoted}\\b` +
      `|${anyCase('SetEnvironmentVariable')}\\([ \\t]*['"]${quoted}['"]`,
    foldCase ? 'i' : '',
  );
}

/**
 * Names the shell gives values of its own whatever the environment says (POSIX sh, dash, bash):
 * a Dockerfile variable renamed to one of them would no longer be what `$NAME` reads.
 */
const SET_BY_THE_SHELL: ReadonlySet<string> = new Set([
  '_', 'BASHPID', 'EUID', 'IFS', 'LINENO', 'OLDPWD', 'OPTARG', 'OPTIND', 'PPID', 'PWD', 'RANDOM', 'SECONDS', 'SHLVL', 'UID',
]);

/** Of those, the names only bash sets: dash (Debian's and Ubuntu's /bin/sh) and BusyBox ash (Alpine's) leave them to the environment. */
const SET_BY_BASH: ReadonlySet<string> = new Set(['BASHPID', 'EUID', 'UID']);

/** Who gives `name` a value of its own, for a sentence that goes on "gives NAME a value of its own". */
export function shellThatSets(name: string): string {
  return SET_BY_BASH.has(name) ? 'bash (the /bin/sh of Fedora- and RHEL-based images, and any SHELL that runs it)' : 'The shell';
}

export function setByTheShell(name: string): boolean {
  return SET_BY_THE_SHELL.has(name);
}

/** A use that a shell expands, with the offset (in the document) where its command's text starts. */
interface ShellUse {
  readonly use: VariableUse;
  readonly commandStart: number;
  readonly nodeIndex: number;
}

/** The uses a shell reads: shell text, and heredoc bodies of RUN (COPY and ADD bodies are the builder's). */
function shellUses(doc: AnalyzedDocument, uses: readonly VariableUse[]): ShellUse[] {
  const found: ShellUse[] = [];
  for (const use of uses) {
    const { context } = use.ref;
    if (context.kind !== 'shell' && context.kind !== 'heredoc') continue;
    const node = doc.tree.node(use.nodeIndex);
    const owner = node.kind === 'instruction' && node.name === 'ONBUILD' ? node.trigger : node;
    if (context.kind === 'heredoc' && (owner?.kind !== 'instruction' || owner.name !== 'RUN')) continue;
    // The command and any heredoc bodies: from the start of the arguments to the end of the node.
    const from = owner?.kind === 'instruction' ? (owner.args?.start ?? 0) : 0;
    found.push({ use, commandStart: doc.tree.start(use.nodeIndex) + from, nodeIndex: use.nodeIndex });
  }
  return found;
}

/** The line of the first use of `uses` that a shell reads, if any. */
export function shellReadLine(doc: AnalyzedDocument, uses: readonly VariableUse[]): number | undefined {
  const [first] = shellUses(doc, uses);
  return first && doc.text.positionAt(first.use.span.start).line + 1;
}

/** The line where a command whose shell text reads one of `uses` sets `name` in the shell, if any. */
export function shellAssignmentLine(doc: AnalyzedDocument, uses: readonly VariableUse[], name: string): number | undefined {
  // One pattern per shell (and per OS for a Windows shell's): the uses of a variable may be in commands of POSIX and of Windows shells.
  const patterns = new Map<string, RegExp>();
  const searched = new Set<number>();
  for (const { use, nodeIndex, commandStart } of shellUses(doc, uses)) {
    if (searched.has(nodeIndex)) continue;
    searched.add(nodeIndex);
    const shell = use.ref.shell ?? 'posix';
    const foldCase = doc.model.stages[use.stage]?.windows === true;
    const key = `${shell} ${foldCase}`;
    let pattern = patterns.get(key);
    if (!pattern) patterns.set(key, (pattern = shell === 'posix' ? setsInShell(name) : setsInWindowsShell(name, shell, foldCase)));
    const nodeStart = doc.tree.start(nodeIndex);
    const match = pattern.exec(doc.tree.nodeText(nodeIndex).slice(commandStart - nodeStart));
    if (match) return doc.text.positionAt(commandStart + match.index + match[0].length).line + 1;
  }
  return undefined;
}
