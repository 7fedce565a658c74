// The lossless syntax tree of a Dockerfile.
//
// The tree is a flat list of top-level nodes (instructions, comments, directives, blank lines)
// whose texts, concatenated, give back the input exactly. Each node owns whole physical lines,
// including their line terminators.
//
// Offsets: every span INSIDE a top-level node is relative to that node's start. A node does not
// know where it is in the file; `SyntaxTree.starts[i]` does. This is what makes incremental
// re-parsing cheap: nodes after an edit are reused as they are, only their start moves.
// Offsets count UTF-16 code units, like JavaScript strings and LSP positions.

/** A half-open range [start, end) of offsets relative to the enclosing top-level node. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span with the text it covers, as the builder sees it (line continuations removed). */
export interface Token extends Span {
  readonly text: string;
}

export type TopLevelNode = InstructionNode | CommentNode | DirectiveNode | BlankNode;

export interface BlankNode {
  readonly kind: 'blank';
  readonly length: number;
  /** Only ever a line-too-long error. */
  readonly errors: readonly SyntaxError[];
}

export interface CommentNode {
  readonly kind: 'comment';
  readonly length: number;
  /** From the `#` to the end of the line, without the line terminator. */
  readonly span: Span;
  /** The text after `#`, trimmed. */
  readonly content: string;
  /** Only ever a line-too-long error. */
  readonly errors: readonly SyntaxError[];
}

/** A parser directive (`# syntax=…`, `# escape=…`, `# check=…`) in the leading block. */
export interface DirectiveNode {
  readonly kind: 'directive';
  readonly length: number;
  /** The key as written (directive keys are case-insensitive). */
  readonly key: Token;
  /** 'syntax' | 'escape' | 'check' */
  readonly name: string;
  readonly value: Token;
  /**
   * True for an `escape` directive after a `#!` line: BuildKit's parser has stopped looking for
   * directives by then, so the escape character does not change (syntax and check still count).
   */
  readonly ignored: boolean;
  readonly errors: readonly SyntaxError[];
}

export interface SyntaxError extends Span {
  readonly message: string;
  /** Stable kebab-case id, e.g. 'unterminated-heredoc'. */
  readonly code: string;
}

export interface InstructionNode {
  readonly kind: 'instruction';
  readonly length: number;
  /** The instruction keyword as written. */
  readonly keyword: Token;
  /** The keyword in upper case ('RUN'); unknown instructions keep their own name. */
  readonly name: string;
  readonly flags: readonly Flag[];
  /** A bare `--` that ended the flags. */
  readonly flagTerminator?: Span;
  /** Everything after the keyword and flags, trimmed; undefined when there is nothing. */
  readonly args?: Token;
  /** The arguments in BuildKit's own parse (what its AST dump prints), with spans. */
  readonly argList: readonly Token[];
  /** Set when the arguments are a valid JSON array (exec form). */
  readonly json?: JsonArray;
  /** Key/value pairs of ENV and LABEL (both forms) and names of ARG. */
  readonly pairs: readonly KeyValue[];
  /** HEALTHCHECK's type word (CMD, NONE, or anything else the user wrote). */
  readonly healthcheckType?: Token;
  /** The trigger of ONBUILD, parsed as an instruction; its spans are relative to this node too. */
  readonly trigger?: InstructionNode;
  readonly heredocs: readonly Heredoc[];
  /** `$name` and `${name…}` references, in order, including nested ones. */
  readonly variables: readonly VariableRef[];
  /** Escape characters that continue the line (for semantic tokens and formatting). */
  readonly continuations: readonly Span[];
  /** Comment lines inside the continued instruction (dropped by the builder). */
  readonly innerComments: readonly Span[];
  /** Whitespace-only lines inside the continued instruction (BuildKit warns about them). */
  readonly emptyContinuationLines: readonly Span[];
  /** Errors BuildKit's parser would stop on. */
  readonly errors: readonly SyntaxError[];
}

export interface Flag extends Span {
  /** The name without dashes, as written (flag names are case-sensitive). */
  readonly name: Token;
  /** The value after `=`, with quotes and backslash escapes processed as BuildKit does. */
  readonly value?: Token;
  /** Offset of the `=` sign. */
  readonly equals?: number;
  /** What BuildKit stores for the flag: `--name=value` after quote processing. */
  readonly text: string;
  /** The comma-separated options of `--mount`. */
  readonly mountOptions?: readonly MountOption[];
}

export interface MountOption extends Span {
  readonly key: Token;
  readonly value?: Token;
  readonly equals?: number;
}

export interface JsonArray extends Span {
  readonly elements: readonly JsonString[];
}

export interface JsonString extends Span {
  /** The decoded string value. */
  readonly value: string;
}

export interface KeyValue extends Span {
  readonly key: Token;
  readonly value?: Token;
  /** '=' for `k=v`, ' ' for the legacy `k v` form of ENV and LABEL. */
  readonly separator: '=' | ' ' | '';
}

export interface Heredoc {
  /** The marker word on the instruction line, e.g. `<<-"EOF"`. */
  readonly marker: Span;
  /** The terminator word after quote removal. */
  readonly name: string;
  readonly nameSpan: Span;
  /** False when any part of the marker word was quoted: the body is then taken literally. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from the body and the terminator line. */
  readonly chomp: boolean;
  /** White space between `<<` and the word (`<< EOF`), which frontends before 1.16 do not read as a heredoc. */
  readonly blankBeforeName: boolean;
  readonly fileDescriptor: number;
  /** The body lines, with their line terminators (empty span when the body is empty). */
  readonly body: Span;
  /** The body as BuildKit keeps it: raw lines with their terminators. */
  readonly content: string;
  /** The terminator line without its line terminator; undefined when unterminated. */
  readonly terminator?: Span;
}

/** Where a variable reference was found, which decides who expands it. */
export type VariableContext =
  /** Instruction arguments (ENV, COPY, FROM, …); expanded by the builder where the instruction allows it. */
  | { readonly kind: 'args' }
  /** A flag value; the flag's name says whether the builder expands it. */
  | { readonly kind: 'flag'; readonly flag: string }
  /** Shell text of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK: expanded by the shell at run time. */
  | { readonly kind: 'shell' }
  /**
   * An exec-form (JSON) argument of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK that no shell reads
   * as script text: the program gets it as written (`CMD ["echo", "$HOME"]` prints `$HOME`).
   */
  | { readonly kind: 'exec' }
  /** A heredoc body; `expand` tells whether the builder (COPY/ADD) or shell (RUN) expands it. */
  | { readonly kind: 'heredoc'; readonly index: number; readonly expand: boolean };

/** A Windows shell whose text has a syntax of its own, not the POSIX shell's. */
export type WindowsShell = 'powershell' | 'cmd';

export type SubstitutionOperator = ':-' | '-' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | '/' | '//';

export interface VariableRef extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  readonly braced: boolean;
  readonly operator?: SubstitutionOperator;
  readonly operatorSpan?: Span;
  /** The word after the operator up to `}` (for `/` and `//`: pattern and replacement). */
  readonly argument?: Span;
  readonly context: VariableContext;
  /** True for references nested inside another reference's argument. */
  readonly nested: boolean;
  /**
   * The Windows shell whose text this is, when not a POSIX shell's: there the environment is read as
   * `$env:NAME` or `${env:NAME}` (PowerShell) and `%NAME%` (cmd), and the name is the part after
   * `env:` or between the percent signs.
   */
  readonly shell?: WindowsShell;
  /** A PowerShell variable of the script itself (`$name`): no environment variable, so no ARG or ENV. */
  readonly local?: true;
}
