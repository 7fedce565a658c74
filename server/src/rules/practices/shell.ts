// The commands a RUN runs, read from its shell text the way a POSIX shell splits it: simple
// commands separated by `&&`, `||`, `;`, `&`, `|` and line breaks, words with their quotes
// removed, redirections (and `<<` here-documents) left out, commands inside `$(…)` and backquotes
// included; the files a command's output is redirected to are kept apart from its words. BuildKit's own lexer (syntax/shellLexer.ts) expands Dockerfile words and knows none
// of those operators, so the best-practice rules read shell text through this scanner; it never
// fails, and what it cannot read (a command name made by an expansion) simply matches no rule.
//
// `runCommands(node, text, windowsImage)` gives the commands of a RUN (or an ONBUILD RUN) with spans
// relative to the node: its command line (continuations joined), and the bodies of its heredocs that
// a shell runs (the script of `RUN <<EOF` unless a `#!` names another interpreter on a non-Windows
// image, or the input of a shell: `RUN bash <<EOF`). An ONBUILD RUN's heredocs belong to the ONBUILD
// node, not to its trigger, and are read the same way. Results are kept per node and image kind, so
// each instruction is read once.

import { appendAll, logicalLineOf, runIsOnlyHeredoc, runsBodyWithInterpreter, shellReadsHeredoc, type Heredoc, type InstructionNode, type LogicalLine, type Span } from '../../syntax';

export interface ShellWord extends Span {
  /** The word with quotes and backslashes removed; expansions (`$x`, `$(…)`) stay as written. */
  readonly value: string;
  /** Whether the word holds an expansion, so its value at run time is not known. */
  readonly dynamic: boolean;
}

/** A file a command's standard output goes to (`> file`, `>> file`, `&> file`, `>| file`). */
export interface ShellOutput {
  readonly file: ShellWord;
  /** `>>`: added to the end of the file rather than replacing it. */
  readonly append: boolean;
}

export interface ShellCommand {
  /** Every word of the simple command, leading `NAME=value` assignments included. */
  readonly words: readonly ShellWord[];
  /** The delimiters of the here-documents it reads (`<<EOF`). */
  readonly heredocs: readonly string[];
  /** The files its standard output is redirected to, in order (the last one gets the output). */
  readonly outputs: readonly ShellOutput[];
  /**
   * Whether it runs in a subshell: inside `( … )`, `$( … )` or backquotes, so that what it changes
   * in the shell (the directory, variables) ends with the subshell.
   */
  readonly inSubshell: boolean;
}

export interface ShellScript {
  readonly commands: readonly ShellCommand[];
  /** The `|` and `|&` operators that join commands into pipelines. */
  readonly pipes: readonly Span[];
  /**
   * The words of `for NAME in …` and `select` headers and of `case WORD in` subjects: the shell only
   * expands them, so no one reads the exit status of a command substitution there.
   */
  readonly headerWords: readonly Span[];
}

const NAME_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
/** Reserved words after which the next word is again a command name. */
const LEADING_KEYWORDS = new Set(['!', '{', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', '(']);
/** Reserved words that close a compound command. */
const CLOSING_KEYWORDS = new Set(['}', 'fi', 'done', 'esac']);
/** Reserved words whose words are not a command (`for x in a b`, `case $x in`). */
const LIST_KEYWORDS = new Set(['for', 'select', 'function']);

interface MutableCommand {
  words: ShellWord[];
  heredocs: string[];
  outputs: ShellOutput[];
  /** A `for`/`case` header: its words are dropped. */
  skip: boolean;
}

/** Scans shell text `source[from, to)`; spans are offsets into `source`. */
function scanShell(source: string, from = 0, to = source.length): ShellScript {
  const script = { commands: [] as ShellCommand[], pipes: [] as Span[], headerWords: [] as Span[] };
  new Scanner(source, to, script).run(from, false);
  return script;
}

/**
 * Where each simple command of shell text `source[from, to)` is written: from its first word to its
 * last word or output file (`echo hi > /tmp/x`), in offsets into `source`. For "expand selection".
 */
export function shellCommandSpans(source: string, from = 0, to = source.length): Span[] {
  return scanShell(source, from, to).commands.map((command) => {
    let start = command.words[0].start;
    let end = command.words[command.words.length - 1].end;
    for (const output of command.outputs) {
      start = Math.min(start, output.file.start);
      end = Math.max(end, output.file.end);
    }
    // A word left open at the end (an unclosed quote, a final backslash) ends past the text.
    return { start, end: Math.min(end, to) };
  });
}

/**
 * How deep `$(…)` and backquotes are read inside each other: each level is a scanner's recursion,
 * and far deeper the stack would overflow. Deeper text is skipped to its closing parenthesis
 * unread (no script nests so deep).
 */
const MAX_NESTING = 200;

/** What a scan collects: the scanners of nested `$( … )` and backquotes add to their parent's. */
interface ScanOutput {
  readonly commands: ShellCommand[];
  readonly pipes: Span[];
  readonly headerWords: Span[];
}

class Scanner {
  constructor(
    private readonly s: string,
    private readonly to: number,
    private readonly out: ScanOutput,
    private readonly nesting = 0,
  ) {}

  /** Scans from `i` to the end, or (`nested`) to the `)` that closes a `$(`; returns where it stopped. */
  run(i: number, nested: boolean): number {
    const s = this.s;
    let command: MutableCommand = { words: [], heredocs: [], outputs: [], skip: false };
    let pendingHeredocs: { name: string; chomp: boolean }[] = [];
    // 'write' and 'append': the standard output goes to the file; 'file': any other redirection's file.
    let redirectTarget: 'file' | 'write' | 'append' | 'heredoc' | 'heredoc-chomp' | undefined;
    let word: { start: number; value: string; dynamic: boolean } | undefined;
    let depth = 0;
    // Open `case` commands: reading the word before `in`, a pattern list (`a|b)`, where `|` is no
    // pipe), or the commands of a branch (until `;;`).
    const cases: ('header' | 'pattern' | 'body')[] = [];

    const endWord = (end: number): void => {
      if (!word) return;
      const w = { start: word.start, end, value: word.value, dynamic: word.dynamic };
      word = undefined;
      if (redirectTarget) {
        if (redirectTarget === 'write' || redirectTarget === 'append') command.outputs.push({ file: w, append: redirectTarget === 'append' });
        else if (redirectTarget !== 'file') {
          const name = w.value;
          pendingHeredocs.push({ name, chomp: redirectTarget === 'heredoc-chomp' });
          command.heredocs.push(name);
        }
        redirectTarget = undefined;
        return;
      }
      const open = cases[cases.length - 1];
      if (open === 'header') {
        if (!w.dynamic && w.value === 'in') cases[cases.length - 1] = 'pattern';
        else this.out.headerWords.push(w);
        return;
      }
      if (open === 'pattern') {
        if (!w.dynamic && w.value === 'esac') cases.pop();
        return;
      }
      if (command.skip) {
        this.out.headerWords.push(w);
        return;
      }
      if (open === 'body' && command.words.length === 0 && !w.dynamic && w.value === 'esac') {
        cases.pop();
        return;
      }
      if (command.words.length === 0 && !w.dynamic && w.value === 'case') {
        cases.push('header');
        return;
      }
      if (command.words.every((x) => NAME_ASSIGNMENT.test(x.value))) {
        if (!w.dynamic && LEADING_KEYWORDS.has(w.value) && command.words.length === 0) return;
        if (!w.dynamic && CLOSING_KEYWORDS.has(w.value) && command.words.length === 0) return;
        if (!w.dynamic && LIST_KEYWORDS.has(w.value) && command.words.length === 0) {
          command.skip = true;
          return;
        }
      }
      command.words.push(w);
    };
    const endCommand = (): void => {
      if (command.words.length && !command.skip) {
        this.out.commands.push({ words: command.words, heredocs: command.heredocs, outputs: command.outputs, inSubshell: this.nesting > 0 || depth > 0 });
      }
      command = { words: [], heredocs: [], outputs: [], skip: false };
      redirectTarget = undefined;
    };
    const append = (start: number, text: string, dynamic = false): void => {
      if (!word) word = { start, value: '', dynamic: false };
      word.value += text;
      if (dynamic) word.dynamic = true;
    };

    while (i < this.to) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\r') {
        endWord(i);
        i++;
        continue;
      }
      if (c === '\n') {
        endWord(i);
        endCommand();
        i++;
        // Here-document bodies follow the line that opened them.
        for (const heredoc of pendingHeredocs) i = this.skipHeredocBody(i, heredoc.name, heredoc.chomp);
        pendingHeredocs = [];
        continue;
      }
      if (c === '#' && !word) {
        while (i < this.to && s[i] !== '\n') i++;
        continue;
      }
      if (c === '\\') {
        if (s[i + 1] === '\n') {
          i += 2;
          continue;
        }
        if (s[i + 1] === '\r' && s[i + 2] === '\n') {
          i += 3;
          continue;
        }
        append(i, s[i + 1] ?? '');
        i += 2;
        continue;
      }
      if (c === "'") {
        const close = s.indexOf("'", i + 1);
        const end = close < 0 || close >= this.to ? this.to : close;
        append(i, s.slice(i + 1, end));
        i = end + 1;
        continue;
      }
      if (c === '"') {
        const start = i;
        i++;
        let text = '';
        let dynamic = false;
        while (i < this.to && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < this.to) {
            text += '$`"\\\n'.includes(s[i + 1]) ? (s[i + 1] === '\n' ? '' : s[i + 1]) : s[i] + s[i + 1];
            i += 2;
          } else if (s[i] === '$' || s[i] === '`') {
            const end = this.expansion(i);
            text += s.slice(i, end);
            dynamic = true;
            i = end;
          } else {
            text += s[i];
            i++;
          }
        }
        append(start, text, dynamic);
        i++;
        continue;
      }
      if (c === '$' || c === '`') {
        const end = this.expansion(i);
        append(i, s.slice(i, end), end > i + 1);
        i = end;
        continue;
      }
      if ((c === '(' || c === ')' || c === '|') && cases[cases.length - 1] === 'pattern') {
        const open = cases.length;
        endWord(i);
        // `esac)` inside `$(…)`: the word closed the case, and the `)` closes the substitution.
        if (cases.length === open) {
          if (c === ')') cases[cases.length - 1] = 'body';
          i++;
          continue;
        }
      }
      if (c === '(' || c === ')') {
        endWord(i);
        if (c === ')' && nested && depth === 0) {
          endCommand();
          return i + 1;
        }
        depth += c === '(' ? 1 : -1;
        endCommand();
        i++;
        continue;
      }
      if (c === ';' || c === '|' || c === '&') {
        const next = s[i + 1];
        if (c === '&' && next === '>') {
          // `&>file`, `&>>file`: both outputs to a file.
          endWord(i);
          redirectTarget = s[i + 2] === '>' ? 'append' : 'write';
          i += s[i + 2] === '>' ? 3 : 2;
          continue;
        }
        endWord(i);
        endCommand();
        if (c === ';' && (next === ';' || next === '&') && cases[cases.length - 1] === 'body') {
          // `;;`, `;&`, `;;&` end a branch of a case.
          cases[cases.length - 1] = 'pattern';
          i += next === ';' && s[i + 2] === '&' ? 3 : 2;
          continue;
        }
        if (c === '|' && next !== '|') this.out.pipes.push({ start: i, end: next === '&' ? i + 2 : i + 1 });
        i += next === c || (c === '|' && next === '&') ? 2 : 1;
        continue;
      }
      if (c === '<' || c === '>') {
        // A word of digits right before is the file descriptor, not an argument.
        let descriptor: string | undefined;
        if (word && !word.dynamic && /^[0-9]+$/.test(word.value) && word.start + word.value.length === i) {
          descriptor = word.value;
          word = undefined;
        } else endWord(i);
        const output = c === '>' && (descriptor === undefined || descriptor === '1');
        const next = s[i + 1];
        if (c === '<' && next === '<') {
          if (s[i + 2] === '<') {
            i += 3;
            redirectTarget = 'file';
          } else if (s[i + 2] === '-') {
            i += 3;
            redirectTarget = 'heredoc-chomp';
          } else {
            i += 2;
            redirectTarget = 'heredoc';
          }
          continue;
        }
        if (next === '&') {
          // `>&2`, `<&-`: duplicating a descriptor; `>&file` writes to a file.
          i += 2;
          let j = i;
          while (j < this.to && /[0-9-]/.test(s[j])) j++;
          if (j > i && (j >= this.to || /[\s;|&)]/.test(s[j]))) i = j;
          else redirectTarget = output ? 'write' : 'file';
          continue;
        }
        i += next === '>' || next === '|' || (c === '<' && next === '>') ? 2 : 1;
        redirectTarget = !output ? 'file' : next === '>' ? 'append' : 'write';
        continue;
      }
      append(i, c);
      i++;
    }
    endWord(i);
    endCommand();
    return i;
  }

  /** The end of the expansion at `i` (`$name`, `${…}`, `$(…)`, `$((…))`, `` `…` ``); commands inside are scanned too. */
  private expansion(i: number): number {
    const s = this.s;
    const deeper = this.nesting < MAX_NESTING;
    if (s[i] === '`') {
      let j = i + 1;
      while (j < this.to && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
      if (deeper) new Scanner(s, Math.min(j, this.to), this.out, this.nesting + 1).run(i + 1, false);
      return Math.min(j + 1, this.to);
    }
    const next = s[i + 1];
    if (next === '(') {
      if (s[i + 2] === '(' || !deeper) return this.balanced(i + 1, '(', ')');
      return new Scanner(s, this.to, this.out, this.nesting + 1).run(i + 2, true);
    }
    if (next === '{') return this.balanced(i + 1, '{', '}');
    let j = i + 1;
    if (j < this.to && /[A-Za-z_]/.test(s[j])) {
      while (j < this.to && /[A-Za-z0-9_]/.test(s[j])) j++;
      return j;
    }
    // `$1`, `$?`, `$@`…; a lone `$` is a literal character.
    return j < this.to && /[0-9?@*#!$-]/.test(s[j]) ? j + 1 : i + 1;
  }

  /** Past the `close` that balances the `open` at `i`, skipping quoted text. */
  private balanced(i: number, open: string, close: string): number {
    const s = this.s;
    let depth = 0;
    for (let j = i; j < this.to; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === "'") {
        const end = s.indexOf("'", j + 1);
        j = end < 0 ? this.to : end;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
    }
    return this.to;
  }

  /** Past the body of a here-document that starts at `i`: the line that is `name` ends it. */
  private skipHeredocBody(i: number, name: string, chomp: boolean): number {
    const s = this.s;
    while (i < this.to) {
      const newline = s.indexOf('\n', i);
      const end = newline < 0 || newline >= this.to ? this.to : newline;
      let line = s.slice(i, end).replace(/\r$/, '');
      if (chomp) line = line.replace(/^\t+/, '');
      i = end + 1;
      if (line === name) break;
    }
    return Math.min(i, this.to);
  }
}

/** The words of a command from its name on: leading `NAME=value` assignments left out. */
export function argv(command: ShellCommand): readonly ShellWord[] {
  let i = 0;
  while (i < command.words.length && NAME_ASSIGNMENT.test(command.words[i].value)) i++;
  return i === 0 ? command.words : command.words.slice(i);
}

/** Options of the wrappers below that take a value as the next word. */
const WRAPPER_VALUE_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir'])],
  ['env', new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string'])],
  ['exec', new Set(['-a'])],
  ['nice', new Set(['-n', '--adjustment'])],
  ['command', new Set<string>()],
  ['nohup', new Set<string>()],
  ['time', new Set(['-f', '-o', '--format', '--output'])],
]);

/**
 * The command a wrapper runs: `sudo -E apt-get …`, `env A=1 apt-get …`, `command apt-get …`,
 * `exec …`, `nice -n 5 …`, `nohup …` and `time …` run the command after their options (and,
 * for env, assignments); `command -v`/`-V` runs nothing (it only looks the name up), so it gives no
 * command. The words from the command's name on; `visit` sees each layer first
 * (the wrapper's words, then the wrapped command's) and may stop the unwrapping by returning true.
 */
export function unwrap(words: readonly ShellWord[], visit?: (words: readonly ShellWord[]) => boolean | void): readonly ShellWord[] {
  let rest = words;
  for (;;) {
    if (visit?.(rest) === true) return rest;
    const name = rest[0] && !rest[0].dynamic ? basename(rest[0].value) : undefined;
    const options = name !== undefined ? WRAPPER_VALUE_OPTIONS.get(name) : undefined;
    if (!options) return rest;
    let i = 1;
    while (i < rest.length) {
      const value = rest[i].value;
      if (value === '--') {
        i++;
        break;
      }
      if (value.startsWith('-') && value.length > 1) {
        // `command -v x`, `command -V x` only say what x is; they do not run it.
        if (name === 'command' && /^-[pvV]*[vV][pvV]*$/.test(value)) return [];
        i += options.has(value) ? 2 : 1;
        continue;
      }
      if (name === 'env' && NAME_ASSIGNMENT.test(value)) {
        i++;
        continue;
      }
      break;
    }
    if (i >= rest.length) return [];
    rest = rest.slice(i);
  }
}

export interface CommandLine {
  readonly command: ShellCommand;
  readonly words: readonly ShellWord[];
}

const lines = new WeakMap<ShellScript, readonly CommandLine[]>();

/**
 * Each command of a script as the words from its name on (assignments and wrappers left out); empty
 * ones skipped. Made once per script: every rule that reads commands walks them.
 */
export function commandLines(script: ShellScript): readonly CommandLine[] {
  let out = lines.get(script);
  if (!out) {
    const made: CommandLine[] = [];
    for (const command of script.commands) {
      const words = unwrap(argv(command));
      if (words.length) made.push({ command, words });
    }
    lines.set(script, (out = made));
  }
  return out;
}

/** The command lines of `script` that run the program `name` (`/usr/bin/name` too; not a name an expansion gives). */
export function* commandsNamed(script: ShellScript, name: string): Generator<CommandLine> {
  for (const line of commandLines(script)) {
    const first = line.words[0];
    if (!first.dynamic && basename(first.value) === name) yield line;
  }
}

/**
 * Whether a parameter expansion among a command's arguments may stand for options the rules
 * look for (`apt-get install $APT_OPTS curl`, `pip install "${PIP_FLAGS}" x`, `"$@"`): a word
 * that starts with one, before `--`, and not the value of one of `valueOptions`. Command
 * substitutions (`$(cat pkgs)`) are read as operands, the package lists they usually are.
 */
export function mayHoldOptions(args: readonly ShellWord[], valueOptions: ReadonlySet<string>): boolean {
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word.value === '--') return false;
    if (valueOptions.has(word.value)) i++;
    else if (word.dynamic && /^\$([A-Za-z_@*]|\{)/.test(word.value)) return true;
  }
  return false;
}

/** The last path component: `/usr/bin/apt-get` → `apt-get`. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface RunScript extends ShellScript {
  /** The RUN (or the ONBUILD trigger RUN) it was read from. */
  readonly run: InstructionNode;
  /** The RUN's heredocs: its own, or those of the ONBUILD node whose trigger it is. */
  readonly heredocs: readonly Heredoc[];
}

/**
 * How many RUNs' readings are kept at least (at most twice as many), the last read. The rules read a
 * RUN when its stage is checked (every rule that reads commands, one after another) and again when an
 * edit has that stage checked again; keeping the reading of every RUN of a large file (5 MB at 50,000
 * lines) bought nothing more. Far more than a stage has: a stage checked again after a keystroke
 * reads each of its RUNs once.
 */
const KEPT_READINGS = 256;

/**
 * The readings of the RUNs read last, by node (held weakly, so an edit's old nodes go with their
 * tree): those read since the last `KEPT_READINGS` were, and those read or asked for in the
 * `KEPT_READINGS` before (at most twice as many), without a list of every RUN.
 */
class Readings {
  private current = new WeakMap<InstructionNode, RunScript>();
  private older = new WeakMap<InstructionNode, RunScript>();
  private count = 0;

  get(node: InstructionNode): RunScript | undefined {
    const current = this.current.get(node);
    if (current) return current;
    const older = this.older.get(node);
    if (older) this.add(node, older);
    return older;
  }

  add(node: InstructionNode, script: RunScript): void {
    if (this.count === KEPT_READINGS) {
      this.older = this.current;
      this.current = new WeakMap();
      this.count = 0;
    }
    this.current.set(node, script);
    this.count++;
  }
}

/** What each RUN reads as, by whether its stage builds a Windows image (`Stage.windows`). */
const scripts = new Readings();
const windowsScripts = new Readings();

/** No commands, pipes or words: shared by the readings of the RUNs that have none. */
const NOTHING: readonly never[] = Object.freeze([]);

/**
 * What every rule that reads commands looks for (`cd`, `sudo`, `apt`/`apt-get`, `apk`, `pip`, `yum`,
 * `dnf` and `microdnf`, `zypper`, `ln`, `useradd`, a pipe): a RUN whose text has none of them gets no commands,
 * without being scanned. Most RUNs of a large file are skipped this way at open. (A name split by a
 * line continuation is missed, never invented.)
 */
const MAY_MATTER = /cd|sudo|apt|apk|pip|yum|dnf|zypper|\bln\b|useradd|\|/;

/** The RUN a node runs: itself, or the trigger of `ONBUILD RUN`. */
export function runOf(node: InstructionNode): InstructionNode | undefined {
  if (node.name === 'RUN') return node;
  if (node.name === 'ONBUILD' && node.trigger?.name === 'RUN') return node.trigger;
  return undefined;
}

/**
 * The commands of a RUN or ONBUILD RUN (`text`: the node's own text), spans relative to the node;
 * undefined for other instructions. Exec form is one command of its JSON strings. `windowsImage`:
 * the node's stage builds a Windows image, whose shell gets even a `#!` body (`runsBodyWithInterpreter`).
 */
export function runCommands(node: InstructionNode, text: string, windowsImage: boolean): RunScript | undefined {
  if (!runOf(node)) return undefined;
  const cache = windowsImage ? windowsScripts : scripts;
  let script = cache.get(node);
  if (!script) cache.add(node, (script = read(node, text, windowsImage)));
  return script;
}

/** The reading of a RUN or ONBUILD RUN `node`. */
function read(node: InstructionNode, text: string, windowsImage: boolean): RunScript {
  const run = runOf(node)!;
  // An ONBUILD RUN's heredocs are on the ONBUILD node, which owns their lines.
  const heredocs = node.heredocs;
  if (!MAY_MATTER.test(text)) return { run, heredocs, commands: NOTHING, pipes: NOTHING, headerWords: NOTHING };
  if (run.json) {
    const words = run.json.elements.map((e) => ({ start: e.start, end: e.end, value: e.value, dynamic: false }));
    return { run, heredocs, commands: words.length ? [{ words, heredocs: NOTHING, outputs: NOTHING, inSubshell: false }] : NOTHING, pipes: NOTHING, headerWords: NOTHING };
  }
  const args = run.args;
  if (!args) return { run, heredocs, commands: NOTHING, pipes: NOTHING, headerWords: NOTHING };
  const logical = logicalLineOf(node, text);
  const from = logical.logicalOffset(args.start);
  const line = scanShell(logical.text, from, logical.text.length);
  const toSource = (span: Span): Span => logical.span(span.start, span.end);
  const commands: ShellCommand[] = line.commands.map((c) => ({
    words: c.words.map((w) => ({ ...w, ...toSource(w) })),
    heredocs: c.heredocs,
    outputs: c.outputs.map((o) => ({ append: o.append, file: { ...o.file, ...toSource(o.file) } })),
    inSubshell: c.inSubshell,
  }));
  const pipes: Span[] = line.pipes.map(toSource);
  const headerWords: Span[] = line.headerWords.map(toSource);
  for (const heredoc of heredocs) {
    if (!bodyIsShell(node, heredoc, logical, from, windowsImage)) continue;
    const body = scanShell(text, heredoc.body.start, heredoc.body.end);
    appendAll(commands, body.commands);
    appendAll(pipes, body.pipes);
    appendAll(headerWords, body.headerWords);
  }
  return { run, heredocs, commands, pipes, headerWords };
}

/** Whether a shell runs the body of `heredoc` of the RUN or ONBUILD RUN `node` (`text`: the node's text), as `runCommands` decides it. */
export function heredocRunsAsShell(node: InstructionNode, heredoc: Heredoc, text: string, windowsImage: boolean): boolean {
  const run = runOf(node);
  if (!run || run.json || !run.args) return false;
  const logical = logicalLineOf(node, text);
  return bodyIsShell(node, heredoc, logical, logical.logicalOffset(run.args.start), windowsImage);
}

/**
 * Whether a shell runs a heredoc body of the RUN (or ONBUILD RUN) `node` (`line`: its logical line,
 * the command from `from`): as its script (`RUN <<EOF`), or as the script a shell reads on standard
 * input (`bash -e <<EOF`, `sudo sh <<EOF`, `cat <<EOF | sh`). A body that `sh -c '…'` or
 * `sh script.sh` reads is only data for that script.
 */
function bodyIsShell(node: InstructionNode, heredoc: Heredoc, line: LogicalLine, from: number, windowsImage: boolean): boolean {
  // On Windows the body goes to the stage's shell whatever its first line; the rules read it only
  // when that shell is a POSIX one (`readsPosixShell`), e.g. `SHELL ["bash", "-c"]`.
  if (runIsOnlyHeredoc(node, node.heredocs)) return !runsBodyWithInterpreter(heredoc, windowsImage);
  if (heredoc.fileDescriptor !== 0) return false;
  return shellReadsHeredoc(line.text, from, line.logicalOffset(heredoc.marker.start), line.logicalOffset(heredoc.marker.end), wrapperLength);
}

/** The wrappers `unwrap` looks through, for words as written (a word with quotes or `$` is taken as no wrapper). */
function wrapperLength(words: readonly string[]): number {
  const shellWords = words.map((value) => ({ start: 0, end: 0, value, dynamic: /[$`'"\\]/.test(value) }));
  return words.length - unwrap(shellWords).length;
}
