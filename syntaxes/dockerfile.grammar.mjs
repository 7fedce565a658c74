// Source of syntaxes/dockerfile.tmLanguage.json (TextMate grammar, scope `source.dockerfile`).
//
//   node syntaxes/dockerfile.grammar.mjs        regenerate the JSON file
//
// The JSON is generated because every rule that touches the escape character exists twice: once for the default
// backslash and once for files whose parser directive is `# escape=` followed by a backtick. test/grammar checks
// that the committed JSON matches this script.
//
// How the grammar keeps instructions apart (TextMate only sees one line at a time):
//
// * Parser directives are matched by the root patterns only. The first line that is not a directive starts the
//   `document` rule, which never ends, so later look-alikes are plain comments. A backtick escape directive starts
//   a never-ending rule of its own whose content uses the backtick variant of every instruction rule.
// * Each instruction is a begin/while rule that starts at its keyword. Its while condition is `^(?!\G…)`: it fails
//   on the next line only when the previous line ended the instruction. A line ends the instruction when it does
//   not end in the escape character (a doubled escape does not count, as in BuildKit); an injection then pushes an
//   empty rule that consumes the newline. vscode-textmate allows `\G` at the start of a line only when the rule on
//   top of the stack captured the previous newline, so the failing while condition pops the instruction together
//   with everything still open inside it (an unterminated quote, an embedded shell construct). Any line does, as
//   in BuildKit, where a word that is no keyword is an unknown instruction. So no embedded rule may capture a
//   newline inside an instruction: those that do in a heredoc body (Python's line continuation, Perl's heredocs and
//   __END__) are pre-empted (python-line-continuation, perlNewlineGuards).
// * Comment lines and blank lines inside a continued instruction never end it (BuildKit drops them).
// * BuildKit joins the continuation lines before anything else reads them: a shell comment in shell-form text runs
//   to the end of the instruction (shell-comment), a heredoc body starts only after the marker's whole logical line
//   (markerLineRest), and a marker that starts a continuation line is read by the shell or interpreter that ended
//   the line before (`RUN python3 \` then `<<EOF`: continuedReader). A marker on a continuation line
//   of a line that has one already (`RUN cat <<A \` then `&& cat <<B`) is seen only after A's rule has started:
//   for data bodies the rules of such a line never end a body at A (continuedHeredocRule), so that B's heredoc can
//   hold both bodies; where they do not apply (a shell or interpreter reads A, several markers on A's line, a third
//   marker line) A's terminator pops every rule started after it, so B's body shows as lines of their own (each an
//   instruction, as after any instruction), and nothing after it is lost.
// * Heredocs, in RUN, COPY and ADD only (HEREDOC_INSTRUCTIONS; in CMD a marker is shell text, heredoc-not-read): a
//   rule starts at the marker and ends at the terminator; its body is a while rule that fails on the terminator line,
//   which again pops everything an embedded grammar left open. Several markers on one line get one such pair of
//   rules each, nested (multiHeredocRules). In RUN the while rules of later markers are on the stack
//   during the earlier bodies, so a line equal to a later terminator inside an earlier body ends them all early
//   (BuildKit reads it as text; COPY/ADD get this right, textBodyAfterOthers).
// * What a RUN heredoc body is (much as the best-practice rules read it, bodyIsShell in
//   server/src/rules/practices/shell.ts): shell when it is the script, that is the marker is the whole command
//   (`RUN <<EOF`, `RUN --mount=… <<EOF`, `RUN 3<<EOF`: BuildKit runs such a body, with its `#!` interpreter if it has
//   one), or when a shell reads it on standard input (`bash -e <<EOF`, `<<EOF sh`, `sudo /bin/sh -s <<EOF`, and
//   through a plain cat, `cat <<EOF | sh`, with that one marker on the line: catIntoShellRule). A body
//   that an interpreter named as the command reads on standard input is in its language (LANGUAGES): the
//   interpreter with nothing but options (`python3 -u <<EOF`, `python3 -W ignore <<EOF`, `<<EOF node`), or with `-`
//   and the script's arguments (`python3 - a b <<EOF`), perhaps by a path and after wrappers (`sudo -u app
//   /usr/bin/env python3 <<EOF`, `exec node <<EOF`: WRAPPERS). Another word before or after the marker
//   (`python3 app.py <<EOF`, `python3 <<EOF app.py`, `python3 -c '…' <<EOF`), a marker for another descriptor
//   (`python3 3<<EOF`) or a later one for standard input (`python3 <<A <<B`) leave the body that program's data.
//   Any other body is data fed to a command (`cat <<EOF > /etc/app.conf`, `mysql <<SQL`) and is scoped as text, as
//   COPY/ADD bodies are. A `#!` line that names a language of LANGUAGES (or, in data, a shell: a script written to a
//   file) decides over all of this. On a line with several markers each body is judged by its own command: the
//   reader named after its marker (`<<A python3 - && <<B sh`), or before it (`python3 <<A && bash <<B`, `cat <<A |
//   node <<B`); a lone marker that is the whole command (`RUN <<A <<B`: no command reads the bodies) gives data.
//   TextMate cannot look back over a whole line, so the reader before the first marker of a line is found by a rule
//   that starts at its command (heredoc-reader) and holds the heredocs; readers before later markers are seen from
//   the first marker, by lookahead.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const r = String.raw;
const BT = '`';

const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const DIRECTIVE_KEYS = 'syntax|check|escape';

// Where the builder expands variables: in the arguments of these instructions, and in the values of these flags
// (a copy of `expandsVariables` in server/src/facts, which test/grammar checks). Anywhere else a `$name` is text for
// the builder (the shell form's variables are the shell's, scoped by the shell grammar).
export const EXPANDING_INSTRUCTIONS = [
  'FROM', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'STOPSIGNAL',
];
export const EXPANDING_FLAGS = {
  FROM: ['platform'],
  RUN: ['mount'],
  ADD: ['chown', 'chmod', 'checksum'],
  COPY: ['chown', 'chmod'],
};
// The instructions whose lines BuildKit reads heredocs from, also as ONBUILD triggers (a copy of `allowsHeredoc` in
// server/src/facts, which test/grammar checks): RUN by its shell form, COPY and ADD as sources. In the shell form of
// CMD, ENTRYPOINT and HEALTHCHECK CMD a marker is text for the shell, and the lines after it are instructions.
export const HEREDOC_INSTRUCTIONS = ['RUN', 'ADD', 'COPY'];

// A heredoc delimiter word, and the pieces of a marker such as `<<EOF`, `<<-"EOT"`, `3<<'X'` or `<< EOF`. BuildKit
// splits the instruction line into words at blanks only (quotes aside) and takes all of a word after `<<` as the
// delimiter, so `<<EOF>/etc/foo` ends at a line `EOF>/etc/foo`, and a word with another `<` is no marker. Blanks
// may follow `<<` (frontend 1.16) but not `<<-`. The word leaves out quotes, escapes and backticks, which the builder
// would process (`<<"EOF">x` is `EOF` and `>x`: the trailing text is captured apart). Quotes keep blanks in the word
// (`<<"E O"` ends at a line `E O`): in single quotes anything but a newline or `<` is the word's; in double quotes
// too, but for the escapes the builder processes there (a backslash before `"`, `$` or another backslash, whatever
// the file's escape character: the marker word is read with the backslash). A word of several quoted parts
// (`<<E"O"F`, `<<"E"'O'`) is no marker here, although BuildKit joins the parts.
const HEREDOC_CHAR = r`[^ \t\n<"'\\${BT}]`;
const HEREDOC_WORD = r`${HEREDOC_CHAR}+`;
const HEREDOC_TRAIL = r`${HEREDOC_CHAR}*`;
const DOUBLE_QUOTED_CHAR = r`(?:[^"\n<\\]|\\(?![\\"$]))`;
const SINGLE_QUOTED_CHAR = r`[^'\n<]`;
/** The word inside the quotes of a quoted marker, or the unquoted word, told apart by the character before it. */
const QUOTED_OR_PLAIN_WORD = r`(?:(?<=")${DOUBLE_QUOTED_CHAR}+|(?<=')${SINGLE_QUOTED_CHAR}+|(?<!["'])${HEREDOC_WORD})`;
const QUOTED_WORD = r`(?:(?<=")${DOUBLE_QUOTED_CHAR}+|(?<=')${SINGLE_QUOTED_CHAR}+)`;
/**
 * A line that may be the terminator of some marker (after the tabs of `<<-`): a delimiter holds no `<`, and quoted
 * ones may hold blanks and quotes, so any other line with something on it.
 */
const DELIMITER_LINE = r`[^\n<]+`;
const HEREDOC_WORD_END = r`(?=[ \t]|$|[\\${BT}][ \t]*$)`;
/** After `<<` or `<<-`: blanks, unless after `<<-`. */
const HEREDOC_GAP = r`(?!(?<=-)[ \t])[ \t]*`;
// Words on a command line: an unquoted word, or a quoted one without escapes (`-W "ignore::DeprecationWarning"`).
const PLAIN_WORD = r`[^ \t\n;&|()<>'"\\]`;
const ARG_WORD = r`(?:${PLAIN_WORD}+|"[^"\n]*"|'[^'\n]*')`;
// The value of an option that takes the next word (one that starts with `-` is read as another option: a value
// like that is rare, and trying both readings of every `-u -u …` would cost time on every such line).
const VALUE_WORD = r`(?!-)${ARG_WORD}`;
const WORD_ENDS = r`(?![^ \t\n;&|)])`;
const ASSIGNMENT = r`[A-Za-z_][A-Za-z0-9_]*=${ARG_WORD}?`;
// A redirection that leaves standard input alone: of output (`> /tmp/log`, `2>&1`, `&>/dev/null`) or of another
// descriptor (`3</etc/x`). A heredoc marker for standard input (fd 0 or none) and for another descriptor.
const REDIRECT = r`(?:(?:\d*|&)>[>&|]?|[1-9]\d*<[&>]?)[ \t]*${ARG_WORD}`;
const markerFor = (fd) =>
  r`${fd}<<-?${HEREDOC_GAP}(?:"${DOUBLE_QUOTED_CHAR}+"${HEREDOC_TRAIL}|'${SINGLE_QUOTED_CHAR}+'${HEREDOC_TRAIL}|${HEREDOC_WORD})${HEREDOC_WORD_END}`;
const STDIN_MARKER = markerFor('0?');
const FD_MARKER = markerFor(r`[1-9]\d*`);
// After the marker a reader reads: options, redirections and heredocs of other descriptors, up to the end of the
// command (or of the line, continued or not). Another word (`python3 <<EOF app.py`) is a script that gets the
// body as its data; another marker for standard input (`python3 <<A <<B`) takes the place of this one.
const AFTER_INPUT = r`(?:[ \t]+(?:-${PLAIN_WORD}*|${REDIRECT}|${FD_MARKER}))*[ \t]*(?:$|[;&|)]|[\\${BT}][ \t]*$)`;

// Commands that run the command after their options as its own, keeping its standard input: the wrappers that the
// best-practice rules look through (`unwrap` in server/src/rules/practices/shell.ts). Their options that take the
// next word as its value are merged into one list (a wrapper given another's option would fail anyway, and every
// rule for several heredocs holds a copy of this pattern). `command -v`/`-V` only look a name up, so `command` takes
// only `-p`.
const WRAPPER_NAMES = 'sudo|env|exec|nice|time|nohup';
const WRAPPER_VALUED =
  r`-[A-Za-z]*[ugpCDrtUTafo]|-n|--(?:user|group|host|prompt|chdir|close-from|role|type|command-timeout|other-user|unset|adjustment|format|output)`;
/** One wrapper or more before a command word (`sudo -u app`, `/usr/bin/env PYTHONPATH=/app`, `exec`), blank included. */
const WRAPPED = r`(?:(?:[/.$~]${PLAIN_WORD}*/)?(?:(?:${WRAPPER_NAMES})${WORD_ENDS}` +
  r`(?:[ \t]+(?:(?:${WRAPPER_VALUED})[ \t]+${VALUE_WORD}|-${PLAIN_WORD}*|${ASSIGNMENT})${WORD_ENDS})*|command(?:[ \t]+-p)?)[ \t]+)*`;

// A shell as a command word, and its options (`-e`, `-euo pipefail`, `-s`, `--`). A cluster with `c` takes the
// script from the command line, so a heredoc is only its input (`sh -ec 'cat' <<EOF`). After `-s` the shell still
// reads its script from standard input, and the words after the options are the script's arguments (`bash -s -- a
// 'b c' <<EOF`); without it, such a word is the script's file and the body that script's data.
const SHELL_NAMES = r`sh|bash|dash|zsh|ksh|mksh|ash`;
const SHELL_WORD = r`(?:(?:/usr)?/bin/)?(?:${SHELL_NAMES})${WORD_ENDS}`;
const SHELL_OPTION = r`[ \t]+(?![-+][A-Za-z]*c)(?:[-+][A-Za-z]*o[ \t]+[a-z]+|[-+][A-Za-z]+)${WORD_ENDS}`;
const END_OF_SHELL_OPTIONS = r`(?:[ \t]+--?${WORD_ENDS})?`;
const SHELL_OPTIONS =
  r`(?:${SHELL_OPTION})*(?:[ \t]+-(?![A-Za-z]*[co])[A-Za-z]*s[A-Za-z]*${WORD_ENDS}(?:${SHELL_OPTION})*${END_OF_SHELL_OPTIONS}` +
  r`(?:[ \t]+(?!-)${ARG_WORD}${WORD_ENDS})*|${END_OF_SHELL_OPTIONS})`;

// The languages of RUN heredoc bodies other than shell: the scope of VS Code's grammar for each (and rules to try
// before it, at the top level of a body), the language id VS Code knows it by (package.json maps
// meta.embedded.block.<id> to it), what a `#!` line names, the interpreter as a command that reads the body on
// standard input (`python3 <<EOF`; versioned names such as python3.12 included) and the options of that command
// that take the next word as their value (`-W ignore`, `--input-type module`, `-I lib`, `-r json`).
const LANGUAGES = [
  {
    id: 'python',
    grammar: 'source.python',
    shebang: r`\bpython`,
    command: r`python(?:[23](?:\.\d+)?)?`,
    valued: r`-[bBdEhiIOPqRsSuvVx]*[WX]|--check-hash-based-pycs`,
  },
  {
    id: 'javascript',
    grammar: 'source.js',
    before: jsShebangComment,
    shebang: r`\b(?:node|nodejs|deno|bun)\b`,
    command: r`node(?:js)?`,
    valued: r`-[rC]|--(?:require|import|loader|experimental-loader|input-type|conditions|env-file|title|disable-warning|unhandled-rejections)`,
  },
  {
    id: 'perl',
    grammar: 'source.perl',
    before: perlNewlineGuards,
    shebang: r`\bperl\b`,
    command: r`perl(?:5(?:\.\d+)*)?`,
    valued: r`-[A-Za-z]*I`,
  },
  {
    id: 'ruby',
    grammar: 'source.ruby',
    shebang: r`\bruby\b`,
    command: r`ruby(?:\d+(?:\.\d+)*)?`,
    valued: r`-[A-Za-z]*[rICEX]|--(?:encoding|external-encoding|internal-encoding|enable|disable)`,
  },
];
// An interpreter as a command word: perhaps a path to it (`/usr/local/bin/python3`, `.venv/bin/python`,
// `$VENV/bin/python`), followed by options only (`-u`, `--input-type=module`, `-W ignore`, redirections of other
// descriptors), or by `-` (the script on standard input) and then any words (the script's arguments). Any other
// word (`python3 script.py <<EOF`, `python3 -m json.tool <<EOF`, `perl -e '…' <<EOF`) makes the body that
// program's data.
const interpreterWord = (command) => r`(?:[/.$~]${PLAIN_WORD}*/)?(?:${command})${WORD_ENDS}`;
const interpreterOptions = (valued) =>
  r`(?:[ \t]+(?:(?:${valued})[ \t]+${VALUE_WORD}|-${PLAIN_WORD}*|${REDIRECT})${WORD_ENDS})*(?:[ \t]+-(?:[ \t]+${ARG_WORD}${WORD_ENDS})*)?`;

/**
 * What reads a RUN heredoc body on standard input, by the kind of body: a shell ('shell') or the interpreter of a
 * language of LANGUAGES (its id); `word` and `options` as written before the marker, wrappers left out.
 */
const READERS = [
  { id: 'shell', word: SHELL_WORD, options: SHELL_OPTIONS },
  ...LANGUAGES.map((l) => ({ id: l.id, word: interpreterWord(l.command), options: interpreterOptions(l.valued) })),
];
/** A reader's command (wrappers, word and options) up to the blank before its marker. */
const readerBefore = (reader) => r`${WRAPPED}${reader.word}${reader.options}[ \t]+`;
/**
 * After a stdin marker: the command (assignments, wrappers, word and options) of a reader, then the end of the
 * command or another marker (`<<EOF python3 -`, `<<EOF sudo bash -e && …`).
 */
const readerAfter = (reader) =>
  r`[ \t]+(?:${ASSIGNMENT}[ \t]+)*${WRAPPED}${reader.word}${reader.options}(?=[ \t]*(?:$|[;&|)])|[ \t]+\d*<<)`;
// Lookahead from the first marker of a line that captures the last marker's quote (1), word (2) and the text after
// a quoted word (3): the delimiter is \2\3.
const lastMarker = (chomp) =>
  r`(?:.*[ \t])?\d*<<${chomp ? '-' : r`(?!-)[ \t]*`}(["']?)(${QUOTED_OR_PLAIN_WORD})\1(${HEREDOC_TRAIL})${HEREDOC_WORD_END}` +
  r`(?!.*[ \t]${MARKER_START})`;

/** The scope of the command line of a heredoc read by a shell ('shell') or an interpreter (a language id). */
const heredocInputOf = (reader) => `meta.heredoc-input.${reader}.dockerfile`;

const S = {
  keyword: 'keyword.other.instruction.dockerfile',
  onbuild: 'keyword.control.onbuild.dockerfile',
  as: 'keyword.other.as.dockerfile',
  healthcheckType: 'keyword.other.healthcheck.dockerfile',
  assign: 'keyword.operator.assignment.dockerfile',
  escape: 'constant.character.escape.dockerfile',
  continuation: 'punctuation.separator.continuation.dockerfile',
  comment: 'comment.line.number-sign.dockerfile',
  commentPunct: 'punctuation.definition.comment.dockerfile',
  stage: 'entity.name.type.stage.dockerfile',
  unquoted: 'string.unquoted.dockerfile',
  shell: 'meta.embedded.block.shell',
  backtickMode: 'meta.escape.backtick.dockerfile',
  heredoc: 'meta.heredoc.dockerfile',
  heredocBody: 'meta.heredoc.body.dockerfile',
  heredocCommand: 'meta.heredoc.command.dockerfile',
  heredocInput: heredocInputOf('shell'),
  heredocContinued: 'meta.heredoc.command.continued.dockerfile',
  heredocLater: 'meta.heredoc.later.dockerfile',
};
/**
 * Selector part for the injections of a marker line's rest (meta.heredoc.command): not in what a later marker's
 * heredoc (continuedHeredocRule) holds, which sits inside the rest of the first marker's line, but for its own rest.
 */
const NOT_IN_LATER_BODIES = `- (meta.heredoc.later - meta.heredoc.later ${S.heredocCommand})`;

/** Regex pieces that depend on the escape character. */
function escapeMode(backtick) {
  const e = backtick ? BT : r`\\`; // the escape character in a regex, outside or inside a character class
  return {
    suffix: backtick ? '-bt' : '',
    e,
    /** at a position, the rest of the line is a line continuation */
    contAhead: r`${e}[ \t]*$`,
    /** the keyword has ended: whitespace, end of line, or a continuation right after it */
    kwEnd: r`(?=[ \t]|$|${e}[ \t]*$)`,
    /** start of an argument region: the next character is not blank and does not start a continuation */
    argStart: r`(?=[^ \t\n])(?!${e}[ \t]*$)`,
  };
}

// The shell grammar starts a command only at the beginning of a line or after an operator; the shell form starts
// after the keyword, so its first command needs the command rule directly (it comes last: keywords, assignments
// and the like win at the same position). The command rule would end at once on a stray `]` or `}` (seen in
// PowerShell text), which makes vscode-textmate stop tokenizing the line, so those are consumed first. For the
// same reason a redirection outside a command (`{ …; } > /etc/x 2>&1`, `done < "$LIST"`, `RUN >/dev/null cmd`)
// needs rules of their own: its target is an argument, as the shell grammar scopes it in a command (it comes
// first, before the shell grammar's `$LOG` of `>$LOG`), and the blanks before it are consumed, where the command
// rule would take the redirection (`2>&1`) for a command name.
const SHELL_PATTERNS = [
  {
    begin: r`(?<=[<>])[ \t]*+(?=[^ \t\n;&|()<>#])`,
    end: r`(?=[ \t\n;&|()<>])`,
    contentName: 'meta.argument.shell',
    patterns: [
      { include: 'source.shell#string' },
      { include: 'source.shell#interpolation' },
      { include: 'source.shell#variable' },
      { match: r`(?:[^ \t\n;&|()<>"'$${BT}\\]|\\.)+`, name: 'string.unquoted.argument.shell' },
    ],
  },
  { include: 'source.shell' },
  { match: r`[\]}]` },
  { match: r`[ \t]++(?=\d*[<>]|&>)` },
  { include: 'source.shell#command_statement' },
];

const ref = (name, m) => ({ include: `#${name}${m ? m.suffix : ''}` });
const never = r`\z`; // vscode-textmate turns \z into a pattern that never matches a line ending in \n

function sharedRules() {
  return {
    // ---------------------------------------------------------------- parser directives (top of file only)
    'directive-syntax': {
      match: r`^[ \t]*(#)[ \t]*((?i:syntax))[ \t]*(=)[ \t]*([^ \t]*)(.*)$`,
      name: 'meta.directive.syntax.dockerfile',
      captures: {
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.other.directive.dockerfile' },
        3: { name: S.assign },
        4: { name: 'meta.image-reference.dockerfile', patterns: [ref('image-reference-parts')] },
        5: { name: 'comment.line.directive-trailing.dockerfile' },
      },
    },
    'directive-check': {
      match: r`^[ \t]*(#)[ \t]*((?i:check))[ \t]*(=)[ \t]*(.*?)[ \t]*$`,
      name: 'meta.directive.check.dockerfile',
      captures: {
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.other.directive.dockerfile' },
        3: { name: S.assign },
        4: {
          patterns: [
            {
              match: r`([A-Za-z]+)[ \t]*(=)[ \t]*([^;]*)`,
              captures: {
                1: { name: 'entity.other.attribute-name.check.dockerfile' },
                2: { name: S.assign },
                3: {
                  patterns: [
                    { match: r`\b(?i:true|false|all)\b`, name: 'constant.language.dockerfile' },
                    { match: ',', name: 'punctuation.separator.comma.dockerfile' },
                    { match: r`[^,\s]+`, name: 'string.unquoted.directive-value.dockerfile' },
                  ],
                },
              },
            },
            { match: ';', name: 'punctuation.separator.semicolon.dockerfile' },
          ],
        },
      },
    },
    'directive-escape': {
      match: r`^[ \t]*(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(?:([\\${BT}])|(.*?))[ \t]*$`,
      name: 'meta.directive.escape.dockerfile',
      captures: {
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.other.directive.dockerfile' },
        3: { name: S.assign },
        4: { name: S.escape },
        5: { name: 'invalid.illegal.directive-value.dockerfile' },
      },
    },
    directives: {
      patterns: [ref('directive-syntax'), ref('directive-check'), ref('directive-escape')],
    },
    // A `#!` first line: BuildKit still honours `syntax` and `check` after it, but ignores `escape`.
    'shebang-head': {
      begin: r`\A(#!.*)$`,
      beginCaptures: { 1: { name: 'comment.line.shebang.dockerfile' } },
      end: never,
      patterns: [
        ref('directive-syntax'),
        ref('directive-check'),
        {
          begin: r`^(?![ \t]*#[ \t]*(?i:syntax|check)[ \t]*=)`,
          end: never,
          patterns: [ref('instructions')],
        },
      ],
    },
    'escape-backtick-head': {
      begin: r`^[ \t]*(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(${BT})[ \t]*$`,
      beginCaptures: {
        0: { name: 'meta.directive.escape.dockerfile' },
        1: { name: 'punctuation.definition.directive.dockerfile' },
        2: { name: 'keyword.other.directive.dockerfile' },
        3: { name: S.assign },
        4: { name: S.escape },
      },
      end: never,
      contentName: S.backtickMode,
      patterns: [
        ref('directives'),
        {
          begin: r`^(?![ \t]*#[ \t]*(?i:${DIRECTIVE_KEYS})[ \t]*=)`,
          end: never,
          patterns: [ref('instructions-bt')],
        },
      ],
    },
    document: {
      begin: r`^(?![ \t]*#[ \t]*(?i:${DIRECTIVE_KEYS})[ \t]*=)`,
      end: never,
      patterns: [ref('instructions')],
    },

    // ---------------------------------------------------------------- comments
    comment: {
      match: r`^([ \t]*)((#).*)$`,
      captures: {
        1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
        2: { name: S.comment },
        3: { name: S.commentPunct },
      },
    },
    // A comment line inside a continued instruction. It consumes the newline so that it never ends the instruction.
    'comment-line-in-instruction': {
      match: r`^([ \t]*)((#).*)(\n)`,
      captures: {
        1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
        2: { name: S.comment },
        3: { name: S.commentPunct },
      },
    },

    // A shell comment in shell-form text. BuildKit joins the continuation lines before the shell reads them, so the
    // comment runs on to the end of the instruction; the instruction's injections still consume each continuation
    // and end the instruction. It ends before the newline of a line that does not continue it (which no blank line
    // does: BuildKit drops those). BuildKit finds heredoc markers in it all the same (it does not know shell
    // comments), so they start heredocs here; in the rest of a marker line they are only scoped (the rules for
    // several heredocs found them from the first marker).
    'shell-comment': shellComment(heredocRefs('run', { suffix: '' })),
    'shell-comment-in-heredoc': shellComment([ref('heredoc-shell-marker-extra')]),
    // in CMD, ENTRYPOINT and HEALTHCHECK CMD, which take no heredocs
    'shell-comment-no-heredoc': shellComment([]),
    // A blank line inside a continued instruction, with its newline (where nothing else would keep it going).
    'blank-line-in-instruction': { match: r`^[ \t]*\n` },

    // ---------------------------------------------------------------- JSON (exec form, SHELL)
    'json-string': jsonString(),
    'json-separator': { match: ',', name: 'punctuation.separator.array.dockerfile' },

    // ---------------------------------------------------------------- strings without escapes
    'string-single': {
      begin: "'",
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      end: "'",
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
      name: 'string.quoted.single.dockerfile',
    },

    // ---------------------------------------------------------------- heredocs in RUN: the body is code
    'heredoc-shell-marker-extra': heredocExtraMarker(),
    // A word that starts with `<<` but that BuildKit takes for no marker (`<<- EOF`, `<<EOF<x`): consumed, so that the
    // shell grammar does not start a heredoc of its own. `<<<` (a here-string) is left to it.
    'heredoc-not-a-marker': { match: r`(?<=^|[ \t])\d*<<(?!<)(?:(?![\\${BT}][ \t]*$)[^ \t\n])*` },
    // BuildKit reads heredocs in RUN, COPY and ADD only: in the shell form of CMD, ENTRYPOINT and HEALTHCHECK CMD a
    // `<<EOF` is text that the shell will get (a heredoc without a body), and the next line is the next instruction.
    // The operator is consumed here so that the shell grammar does not start a heredoc of its own: it would take the
    // rest of the line, a continuing escape character included.
    'heredoc-not-read': { match: r`(?<!<)<<-?(?!<)`, name: 'keyword.operator.heredoc.shell' },
    // Python's own line continuation is a rule whose begin captures the newline, which would end the instruction
    // (see the top of this file); this takes its place.
    'python-line-continuation': {
      match: r`(\\)(?=[ \t]*$)`,
      captures: { 1: { name: 'punctuation.separator.continuation.line.python' } },
    },
    ...languageBodyRules(),
    // a data body (a file written by the command) that starts with `#!` and a shell
    'heredoc-body-shebang-shell': {
      begin: r`^(?=#![^\n]*\b(?:${SHELL_NAMES})\b)`,
      end: never,
      contentName: `${S.heredocBody} ${S.shell}`,
      patterns: [{ include: 'source.shell' }],
    },
    'heredoc-body-shell': {
      begin: '^',
      end: never,
      contentName: `${S.heredocBody} ${S.shell}`,
      patterns: [{ include: 'source.shell' }],
    },
    ...multiHeredocRules('run', SHELL_PATTERNS),
    // the heredoc of a shell's input, inside heredoc-reader (by an injection where the shell grammar's command rule
    // holds it; directly after a continued command)
    'heredoc-shell-chomp': heredocRule({ chomp: true, command: SHELL_PATTERNS, body: 'shell' }),
    'heredoc-shell-plain': heredocRule({ chomp: false, command: SHELL_PATTERNS, body: 'shell' }),
    'heredoc-run-chomp': heredocRunRule(true),
    'heredoc-run-plain': heredocRunRule(false),
    'heredoc-run-later': laterHeredocRule('run'),
    'heredoc-reader': heredocReaderRule(),
    'heredoc-cat-into-shell': catIntoShellRule(),
    // the heredoc of an interpreter's input, inside heredoc-input
    ...Object.fromEntries(LANGUAGES.flatMap((l) => [
      [`heredoc-${l.id}-chomp`, heredocRule({ chomp: true, command: SHELL_PATTERNS, body: l.id })],
      [`heredoc-${l.id}-plain`, heredocRule({ chomp: false, command: SHELL_PATTERNS, body: l.id })],
    ])),
    // Inside a while rule vscode-textmate allows \G at the start of every line. The shell grammar's command-name
    // rule begins at \G and ends before whitespace, so on a continuation line that starts with whitespace inside a
    // command it would begin and end without advancing, which stops tokenizing the line. Consuming the start of the
    // indentation first avoids that. (The same goes for a zero-width alternative in its arithmetic operators.) The
    // last blank is left to the shell grammar: its option and argument rules begin at the blanks before a word, and
    // BuildKit joins the lines, so the first word (`  --prefix=/usr \`, `  $FLAGS \`) is an argument of the command.
    // (A line indented by one blank gives it up: the word is not scoped, as after `\` at the end of a shell line.)
    'shell-continuation-indent': { match: r`^(?:[ \t]+(?=[ \t])|[ \t])` },
    'heredoc-command-arguments': heredocCommandArguments(),
  };
}

function shellComment(patterns) {
  return {
    // from the blanks before it, where the shell grammar's one-line comment starts
    begin: r`(?:[ \t]+|(?<=^|[ \t]))(#)`,
    beginCaptures: { 1: { name: 'punctuation.definition.comment.shell' } },
    end: r`(?<=[^ \t])(?=[ \t]*\n)`,
    name: 'comment.line.number-sign.shell',
    patterns,
  };
}

/**
 * The body rules of each language in LANGUAGES: heredoc-body-<id> when its `#!` line names the language,
 * heredoc-body-<id>-input whatever its first line (the body an interpreter of the language reads).
 */
function languageBodyRules() {
  const rules = {};
  for (const l of LANGUAGES) {
    const body = (begin) => ({
      begin,
      end: never,
      contentName: `${S.heredocBody} meta.embedded.block.${l.id}`,
      patterns: [...(l.before?.() ?? []), { include: l.grammar }],
    });
    rules[`heredoc-body-${l.id}`] = body(r`^(?=#![^\n]*${l.shebang})`);
    rules[`heredoc-body-${l.id}-input`] = body('^');
  }
  return rules;
}

// The JavaScript grammar knows a `#!` line only at the start of the document (a later line cannot start with `#!` in
// JavaScript, so \G, which holds at every line start inside the heredoc's while rule, is enough).
function jsShebangComment() {
  return [{
    match: r`\G(#!).*`,
    name: 'comment.line.shebang.js',
    captures: { 1: { name: 'punctuation.definition.comment.js' } },
  }];
}

/**
 * Perl's heredocs and __END__ / __DATA__ are rules whose begin captures the newline, which would end the instruction
 * (see the top of this file); these take their place. Perl's grammar holds no code inside other rules, so at the
 * top level of the body they come first everywhere (an injection would slow down every line of shell).
 */
function perlNewlineGuards() {
  // the markers <<'RAW', <<"TEXT", <<`CMD`, <<\RAW and <<TEXT (groups: quote, word, quote)
  const markers = [
    { marker: r`[ \t]*(')([^'\n]*)(')`, raw: true },
    { marker: r`[ \t]*(["\x60])([^"\x60\n]*)(\3)`, raw: false },
    { marker: r`(\\)([A-Za-z_]\w*)()`, raw: true },
    { marker: r`()([A-Za-z_]\w*)()`, raw: false },
  ];
  return [
    // a heredoc: the rest of the marker line is Perl code, the body a string up to the terminator (which `<<~`
    // allows to be indented)
    ...[true, false].flatMap((indented) => markers.map(({ marker, raw }) => ({
      begin: r`((<<${indented ? '~' : '(?!~)'})${marker})(.*)`,
      beginCaptures: {
        1: { name: 'string.unquoted.heredoc.perl' },
        2: { name: 'punctuation.definition.string.begin.perl' },
        6: { patterns: [{ include: 'source.perl' }] },
      },
      end: r`^${indented ? r`[ \t]*` : ''}(\4)$`,
      endCaptures: { 1: { name: 'punctuation.definition.string.end.perl' } },
      contentName: 'string.unquoted.heredoc.perl',
      patterns: raw ? [] : [{ include: 'source.perl#escaped_char' }, { include: 'source.perl#variable' }],
    }))),
    // what follows __END__ or __DATA__ is no code
    {
      begin: r`\b(__(?:END|DATA)__)$`,
      beginCaptures: { 1: { name: 'constant.language.perl' } },
      end: never,
      contentName: 'comment.block.documentation.perl',
      patterns: [{ include: 'source.perl#pod' }],
    },
  ];
}

// Any reader's command (wrappers, word and options) up to the blank before what follows it.
const ANY_READER = r`${WRAPPED}(?:${READERS.map((x) => r`${x.word}${x.options}`).join('|')})[ \t]+`;
// Where a reader's command may start: Oniguruma tries a lookahead of alternatives that each start with a literal far
// faster than ANY_READER.
const READER_START = r`(?<=^|[ \t;&|(!{])(?=[/.$~]|(?:${WRAPPER_NAMES}|command|${SHELL_NAMES}|${LANGUAGES.map((l) => l.command).join('|')})${WORD_ENDS})`;

/**
 * A shell or interpreter (READERS) as a command, with what its standard input may be: a heredoc whose marker follows
 * its command on the line (heredocInputPatterns), or starts a continuation line of it (continuedReader). One rule finds
 * both (it is tried at every position of shell text), from the reader's command (its first wrapper, or its word)
 * to the end of the terminator line, so that the heredoc inside knows what reads it. It has a scope of its own,
 * which its injection excludes (else it would start again where it starts, for ever); so does the injection of the
 * RUN heredoc rules, but for the arguments of a continued command (meta.heredoc-reader-arguments).
 */
function heredocReaderRule() {
  const marker = r`${STDIN_MARKER}${AFTER_INPUT}`;
  return {
    begin: r`${READER_START}(?=${ANY_READER}(?:${marker}|[\\${BT}][ \t]*$))`,
    end: CONTINUED_READER_END,
    name: 'meta.heredoc-reader.dockerfile',
    patterns: [
      {
        begin: r`\G(?=${ANY_READER}${marker})`,
        end: r`(?=\n)`,
        name: 'meta.heredoc-input.dockerfile',
        patterns: heredocInputPatterns(),
      },
      ...READERS.map(continuedReader),
    ],
  };
}

/**
 * `cat <<EOF | sh`: a plain `cat` (no option, no file, no redirection) hands the body unchanged to a shell that runs
 * its standard input, so the body is that shell's script, as after `sh <<EOF`. Only with this one marker on the line
 * (the rules for several heredocs start at a reader's command, which cat is not); anything else about the pipe leaves
 * the body data, as for `cat <<EOF | python3`. From cat in command position to the end of the terminator line, with
 * the scope of a shell's input, whose injection starts the shell body at the marker.
 */
function catIntoShellRule() {
  const shellAfterPipe = r`[ \t]*\|(?![|&])[ \t]*(?:${ASSIGNMENT}[ \t]+)*${WRAPPED}${SHELL_WORD}${SHELL_OPTIONS}`;
  const commandEnd = r`(?:[ \t]+${REDIRECT}${WORD_ENDS})*[ \t]*(?:[;&|)]|[\\${BT}][ \t]*$|$)`;
  return {
    begin: r`(?<=^|[ \t;&|(!{])(?=(?:(?:/usr)?/bin/)?cat[ \t]+${STDIN_MARKER}${shellAfterPipe}${commandEnd}${NO_MORE_MARKERS})`,
    end: r`(?=\n)`,
    name: `meta.heredoc-input.dockerfile ${S.heredocInput}`,
    patterns: SHELL_PATTERNS,
  };
}

/**
 * `bash -e <<EOF`, `python3 -u <<EOF` or `sudo -u app node - <<EOF && …`: the rule for the reader. The heredoc of a
 * shell's input starts by an injection, inside the shell grammar's command; an interpreter's command line is
 * tokenized as a capture, and its heredoc follows directly. On a line with several markers the reader's is the
 * first, and the rules for several heredocs start at the reader's command instead (multiHeredocRules).
 */
function heredocInputPatterns() {
  const marker = r`${STDIN_MARKER}${AFTER_INPUT}`;
  const [shell, ...languages] = READERS;
  return [
    { include: '#heredoc-run-several-after-reader' },
    {
      begin: r`\G(?=${readerBefore(shell)}${marker})`,
      end: r`(?=\n)`,
      name: S.heredocInput,
      patterns: SHELL_PATTERNS,
    },
    ...languages.map((l) => ({
      begin: r`\G(${readerBefore(l)})(?=${marker})`,
      beginCaptures: { 1: { patterns: SHELL_PATTERNS } },
      end: r`(?=\n)`,
      name: heredocInputOf(l.id),
      patterns: [ref(`heredoc-${l.id}-chomp`), ref(`heredoc-${l.id}-plain`)],
    })),
  ];
}

// The end of a reader's command that ends its line with the escape character: the end of its command, or of the
// instruction (blank lines, which BuildKit drops, do not end it).
const CONTINUED_READER_END = r`(?=[;&|)])|(?<=[^ \t])(?=\n)`;

/**
 * `RUN python3 -u \` with the marker at the start of a continuation line: BuildKit joins the lines, so the reader
 * reads that heredoc as if it were on its line. The rule holds the reader's command (a capture, as it ends the
 * line) and what follows on the continuation lines. A line that starts with a stdin marker is the reader's input;
 * any other ends the chance, and the rest of the command is its arguments, where heredocs are data as usual.
 */
function continuedReader(reader) {
  const marker = r`${STDIN_MARKER}${AFTER_INPUT}`;
  return {
    begin: r`\G(${readerBefore(reader)})(?=[\\${BT}][ \t]*$)`,
    beginCaptures: { 1: { patterns: SHELL_PATTERNS } },
    end: CONTINUED_READER_END,
    name: `meta.heredoc-reader.${reader.id}.dockerfile`,
    patterns: [
      {
        begin: r`^[ \t]*(?=${marker})`,
        end: r`(?=\n)`,
        name: heredocInputOf(reader.id),
        patterns: [
          { include: `#${severalHeredocs('run', '')}` },
          ref(`heredoc-${reader.id}-chomp`),
          ref(`heredoc-${reader.id}-plain`),
        ],
      },
      {
        begin: r`^(?=[ \t]*[^ \t\n])`,
        end: r`(?=[\n;&|)])`,
        name: 'meta.heredoc-reader-arguments.dockerfile',
        patterns: ['option', 'argument', 'string'].map((rule) => ({ include: `source.shell#${rule}` })),
      },
    ],
  };
}

/** A second or later heredoc marker on the marker line: scoped, so that the shell grammar does not start its own. */
function heredocExtraMarker() {
  return {
    match: r`(?<=^|[ \t])(\d*)(<<-?)${HEREDOC_GAP}${markerWord('any', 3)}${HEREDOC_WORD_END}`,
    captures: markerCaptures(),
  };
}

/**
 * The word of a marker in four groups, the first numbered `open`: open quote, quoted word, close quote, and the
 * unquoted word or the text after the quoted one (BuildKit's delimiter is the second and fourth together).
 */
function markerWord(quote, open) {
  const quoted = r`(["'])(${QUOTED_WORD})(${backrefs(1, open)})`;
  return {
    any: r`(?:${quoted}|(?=${HEREDOC_CHAR}))(${HEREDOC_TRAIL})`,
    quoted: r`${quoted}(${HEREDOC_TRAIL})`,
    unquoted: r`()()()(${HEREDOC_WORD})`,
  }[quote];
}

function markerCaptures(offset = 0) {
  return {
    [1 + offset]: { name: 'constant.numeric.file-descriptor.dockerfile' },
    [2 + offset]: { name: 'keyword.operator.heredoc.dockerfile' },
    [3 + offset]: { name: 'punctuation.definition.string.begin.dockerfile' },
    [4 + offset]: { name: 'entity.name.tag.heredoc.dockerfile' },
    [5 + offset]: { name: 'punctuation.definition.string.end.dockerfile' },
    [6 + offset]: { name: 'entity.name.tag.heredoc.dockerfile' },
  };
}

/**
 * One heredoc: an outer rule from the first marker to the terminator of the last marker on the line, holding a
 * while rule for the marker line's remaining text and the body (so the terminator line pops whatever is open).
 * For a line with one marker, and for the lines with several that multiHeredocRules leaves alone.
 *   chomp  the last marker is `<<-` (its terminator may be indented with tabs)
 *   command  patterns for the rest of the marker line
 *   body  as heredocBodyPatterns takes it
 */
function heredocRule({ chomp, command, body, suffix = '', marker = 'any', innerWhen = '' }) {
  const tabs = chomp ? r`\t*` : '';
  const bodyPatterns = heredocBodyPatterns(body, suffix);
  return {
    begin: r`(?=(?<=^|[ \t])${MARKER_START})(?=${lastMarker(chomp)})`,
    end: r`^(${tabs})(\2\3)$`,
    endCaptures: { 2: { name: 'entity.name.tag.heredoc.dockerfile' } },
    name: S.heredoc,
    patterns: [
      {
        // groups 1-3 the last marker's delimiter, 4-9 the first marker
        begin: r`\G${innerWhen}(?=${lastMarker(chomp)})(\d*)(<<-?)${HEREDOC_GAP}${markerWord(marker, 6)}${HEREDOC_WORD_END}`,
        beginCaptures: markerCaptures(3),
        while: r`^(?!${tabs}\2\3$)`,
        patterns: [
          markerLineRest(command),
          ...bodyPatterns,
        ],
      },
    ],
  };
}

/**
 * The rest of the instruction after a heredoc marker, up to the end of its logical line: BuildKit reads the bodies
 * only after that, so a marker line that ends in the escape character goes on with the command. The injections for
 * meta.heredoc.command consume each continuation with its newline (and the comment and blank lines BuildKit drops
 * there), so that the end, at a newline, only comes on the instruction's last line.
 */
function markerLineRest(command) {
  return {
    // \G also holds at the start of every body line (the while rule matched there), hence the lookbehind
    begin: r`\G(?<=.)(?=[ \t]*[^ \t\n])`,
    end: r`(?=\n)`,
    contentName: S.heredocCommand,
    patterns: [ref('heredoc-shell-marker-extra'), ref('heredoc-not-a-marker'), ...command],
  };
}

/**
 * The words after a marker that stand among the arguments of a shell command (`cat <<EOF > /etc/app.conf`,
 * `tee -a /x <<EOF`): arguments of that command up to its end, as the shell grammar scopes a command's arguments
 * (else, the rest of the marker line starting a rule of its own, the shell grammar would start a command at the
 * first word: `/etc/app.conf` would show as a command name). Injected (buildGrammar) where the rest of a marker line
 * starts among a command's arguments, and begins at the start of that rest only (\G).
 */
function heredocCommandArguments() {
  return {
    begin: r`\G(?=[ \t]+[^ \t\n;&|()#])`,
    end: r`(?=[ \t]*(?:[\n;&|)]|#))`,
    name: 'meta.heredoc.command-arguments.dockerfile',
    patterns: [
      ref('heredoc-shell-marker-extra'),
      ref('heredoc-not-a-marker'),
      // the blanks before a later marker, where the shell grammar's argument rule would begin (and read the marker)
      { match: r`[ \t]+(?=\d*<<)` },
      ...['option', 'argument', 'string'].map((rule) => ({ include: `source.shell#${rule}` })),
    ],
  };
}

// ---------------------------------------------------------------- markers on the continuation lines of a marker's line
// `RUN cat <<A \` then `&& cat <<B`: BuildKit reads both markers from the logical line, then A's body up to A, then
// B's body up to B. TextMate keeps a captured word only in the end or while pattern of the rule that captured it, and
// checks the end pattern of the innermost rule alone; only while conditions are checked at every depth, and one that
// fails pops every rule started after it. The rule that knows B starts on the second line, after (inside) the rule
// that knows A, so the line A cannot end A's body without ending B's heredoc too (heredocRule's while rule does just
// that). So a marker line that one marker begins and an escape character ends gets rules that never fail at A
// (continuedHeredocRule): a while rule that knows A, never fails, and scopes a line A as a terminator by a capture in
// a lookahead; inside it a rule that ends at A, checked where nothing else is open. If a later line of the logical
// line holds a marker, B (the last one of that line), its heredoc starts there (laterHeredocRule) and holds both
// bodies, up to B; a line A between them shows as a terminator, but the body state goes on. Both bodies are data
// (text), as B's quoting makes it (A's body gets B's variables or none), and the line after B ends the instruction.
// What the words cannot tell apart: a line B inside A's body ends both (BuildKit reads it as text, as in RUN's
// heredocRule), a line A after A's terminator, or a continuation line A, shows as a terminator, and the terminators
// of markers before B on B's line are body text. As a body is never popped by a failing while rule here, what an
// embedded grammar leaves open would hide the end from the rule under it: a body starts afresh at every line that
// could be a terminator (a line of one word), a `#!` language then being lost for the rest. Shells and interpreters
// that read a body keep heredocRule, and with it the old limit (B's body then shows as lines of their own); so do
// marker lines with several markers, quoted words with blanks (a terminator that is no word), and further markers
// on later lines of B's logical line.

/** A marker whose word holds no blank, as BLANK_FREE_LINE finds its terminator. */
const BLANK_FREE_MARKER =
  r`\d*<<-?${HEREDOC_GAP}(?:"(?:[^"\n<\\ \t]|\\(?![\\"$]))+"${HEREDOC_TRAIL}|'[^'\n< \t]+'${HEREDOC_TRAIL}|${HEREDOC_WORD})${HEREDOC_WORD_END}`;
/** Every line that may be the terminator of such a marker (and many that are not). */
const BLANK_FREE_LINE = r`\t*[^ \t\n<]+$`;
/** Pushed on the newline after the last terminator: the instruction's while condition then fails on the next line. */
const ENDS_INSTRUCTION = { begin: r`\n`, end: never };

/** A body of data that starts afresh at every line that may be a terminator, so that the rule under it sees it. */
function restartingBody(body, suffix) {
  return { begin: '^', while: r`^(?!${BLANK_FREE_LINE})`, patterns: heredocBodyPatterns(body, suffix) };
}

/**
 * The first marker of a logical line that goes on (RUN data, COPY/ADD): the never-failing while rule for its word,
 * inside the heredoc's outer rule (heredocRule's begin), holding the rule up to its terminator.
 *   kind  'run' (RUN data) or 'text' (COPY/ADD, with the escape mode `m`)
 */
function continuedHeredocRule({ chomp, kind, marker, m }) {
  const tabs = chomp ? r`\t*` : '';
  const suffix = kind === 'text' ? m.suffix : '';
  const esc = kind === 'text' ? m.e : r`[\\${BT}]`;
  const data = kind === 'text' ? 'text' : 'run-data';
  const command = kind === 'text' ? [ref('word', m)] : SHELL_PATTERNS;
  const tag = { name: 'entity.name.tag.heredoc.dockerfile' };
  return {
    // groups 1-3 the marker's quote, word and the text after a quoted word (the one marker of the line)
    begin: r`\G(?=\d*<<-?${HEREDOC_GAP}${marker === 'quoted' ? `["']` : `[^"']`})(?=${BLANK_FREE_MARKER}${NO_MORE_MARKERS})` +
      r`(?=[^\n]*${esc}[ \t]*$)(?=${lastMarker(chomp)})`,
    // (a capture after the start of an empty match is dropped: the tabs of `<<-` are the terminator's here)
    while: r`^(?:(?=(${tabs}\2\3)$)|)`,
    whileCaptures: { 1: tag },
    patterns: [
      {
        begin: r`\G(\d*)(<<-?)${HEREDOC_GAP}${markerWord(marker, 3)}${HEREDOC_WORD_END}`,
        beginCaptures: markerCaptures(),
        end: r`^(${tabs})(\4\6)$`,
        endCaptures: { 2: tag },
        patterns: [
          {
            begin: r`\G(?<=.)(?=[ \t]*[^ \t\n])`,
            end: r`(?=\n)`,
            contentName: `${S.heredocCommand} ${S.heredocContinued}`,
            // (the later marker's heredoc starts by an injection: in RUN, inside whatever the shell grammar holds open)
            patterns: [
              ref('heredoc-shell-marker-extra'),
              ref('heredoc-not-a-marker'),
              ...command,
            ],
          },
          restartingBody(marker === 'quoted' ? data : `${data}-expand`, suffix),
        ],
      },
      ENDS_INSTRUCTION,
    ],
  };
}

/**
 * A marker on a continuation line of the first marker's line (the last marker of its line): its heredoc holds the
 * rest of its logical line and both bodies, up to its terminator; then the instruction ends.
 */
function laterHeredocRule(kind, m) {
  const suffix = kind === 'text' ? m.suffix : '';
  const data = kind === 'text' ? 'text' : 'run-data';
  const command = kind === 'text' ? [ref('word', m)] : SHELL_PATTERNS;
  const tag = { name: 'entity.name.tag.heredoc.dockerfile' };
  const forms = [true, false].flatMap((chomp) => ['quoted', 'unquoted'].map((marker) => ({ chomp, marker })));
  return {
    begin: r`(?<=^|[ \t])(?=${BLANK_FREE_MARKER}${NO_MORE_MARKERS})`,
    end: never,
    name: `${S.heredoc} ${S.heredocLater}`,
    patterns: [
      ...forms.map(({ chomp, marker }) => ({
        begin: r`\G(\d*)(<<${chomp ? '-' : '(?!-)'})${HEREDOC_GAP}${markerWord(marker, 3)}${HEREDOC_WORD_END}`,
        beginCaptures: markerCaptures(),
        end: r`^(${chomp ? r`\t*` : ''})(\4\6)$`,
        endCaptures: { 2: tag },
        patterns: [markerLineRest(command), restartingBody(marker === 'quoted' ? data : `${data}-expand`, suffix)],
      })),
      ENDS_INSTRUCTION,
    ],
  };
}

/**
 * A RUN heredoc on a line with one marker, or with several that multiHeredocRules leaves alone, that is not the
 * script (shell-form-heredoc-script) nor after a shell or interpreter word (heredoc-reader): shell when a shell word
 * follows the marker, the language of an interpreter that does, else data.
 */
function heredocRunRule(chomp) {
  const command = SHELL_PATTERNS;
  const readers = READERS.map((reader) => heredocRule({
    chomp,
    command,
    body: reader.id,
    innerWhen: r`(?=${STDIN_MARKER}${readerAfter(reader)})`,
  }));
  const quoted = heredocRule({ chomp, command, body: 'run-data', marker: 'quoted' });
  const expand = heredocRule({ chomp, command, body: 'run-data-expand', marker: 'unquoted' });
  const continued = ['quoted', 'unquoted'].map((marker) => continuedHeredocRule({ chomp, kind: 'run', marker }));
  return { ...readers[0], patterns: [...readers.map((rule) => rule.patterns[0]), ...continued, quoted.patterns[0], expand.patterns[0]] };
}

/**
 * The body of a heredoc: 'shell' (RUN script or shell input: shell), a language id of LANGUAGES (RUN input of its
 * interpreter), 'run-data' / 'run-data-expand' (RUN data: text) or 'text' / 'text-expand' (COPY/ADD); RUN bodies
 * take the language their `#!` line names instead (a language of LANGUAGES, or a shell unless they are shell already).
 * The -expand forms have an unquoted marker: the builder (COPY/ADD) or the shell (RUN) expands variables in them.
 */
function heredocBodyPatterns(body, suffix) {
  const shebang = LANGUAGES.map((l) => ref(`heredoc-body-${l.id}`));
  if (body === 'shell') return [...shebang, ref('heredoc-body-shell')];
  if (LANGUAGES.some((l) => l.id === body)) {
    return [...shebang, ref('heredoc-body-shebang-shell'), ref(`heredoc-body-${body}-input`)];
  }
  const text = {
    begin: '^',
    end: never,
    contentName: `${S.heredocBody} string.unquoted.heredoc.dockerfile`,
    patterns: body.endsWith('-expand') ? [ref(`escape-dollar${suffix}`), ref(`variable${suffix}`)] : [],
  };
  if (body.startsWith('run-')) return [...shebang, ref('heredoc-body-shebang-shell'), text];
  return [text];
}

// ---------------------------------------------------------------- several heredocs on one line
// `COPY <<a <<-'b' /dst/`: the bodies follow in order, each up to its own terminator, each with its own `<<-` and
// quoting. Only the marker line shows the words, so every rule that needs one begins there, at the first marker,
// and they nest with the last marker's outermost: the heredoc of marker j holds (in a while rule, so that its
// terminator pops what its body left open; for COPY/ADD see textBodyAfterOthers) the heredoc of marker j - 1 and
// then its own body; the first one consumes the marker line. A line with two markers or more, the first one not at
// the start of the line, gets these rules (a while rule's \G holds at every line start, so the lookbehind keeps a
// body line from starting one); any other falls back to heredocRule, where every body runs to the last terminator.
// Each count up to MAX_HEREDOCS has rules of its own; a line with more markers gets those of MAX_HEREDOCS - 1 and
// then one text body for the rest (the overflow rules). Each count more costs about 80 kB of JSON (15%), and
// tokenizing no measurable time, but five or more bodies on one line are rare.
const MAX_HEREDOCS = 4;
const MARKER_START = r`\d*<<-?${HEREDOC_GAP}(?:"${DOUBLE_QUOTED_CHAR}|'${SINGLE_QUOTED_CHAR}|${HEREDOC_CHAR})`;
const ANY_MARKER = markerFor(r`\d*`);
/** text after a marker up to and including the blank before the next marker, never across a marker */
const MARKER_GAP = r`(?:(?![ \t]${MARKER_START}).)*[ \t]`;
const NO_MORE_MARKERS = r`(?:(?![ \t]${MARKER_START}).)*$`;
const skipMarkers = (n) => (n ? r`(?:${ANY_MARKER}${MARKER_GAP}){${n}}` : '');

/**
 * A marker of one form, capturing its word (in one of `groups` groups, of which one takes part); for standard input
 * only (no descriptor or 0) with `stdin`.
 */
function markerOfForm(chomp, quote, stdin = false) {
  const W = HEREDOC_WORD;
  const T = HEREDOC_TRAIL;
  const DQ = r`${DOUBLE_QUOTED_CHAR}+`;
  const SQ = r`${SINGLE_QUOTED_CHAR}+`;
  const [word, groups] = {
    any: [r`(?:"(${DQ})"(${T})|'(${SQ})'(${T})|(${W}))`, 5],
    quoted: [r`(?:"(${DQ})"(${T})|'(${SQ})'(${T}))`, 4],
    unquoted: [r`(${W})`, 1],
  }[quote];
  const re = r`${stdin ? '0?' : r`\d*`}<<${chomp ? '-' : r`(?!-)[ \t]*`}${word}${HEREDOC_WORD_END}`;
  return { re, groups };
}

/** Backreferences to groups `from` to `from + n - 1` (vscode-textmate puts an empty string for a group that took no part). */
const backrefs = (n, from = 1) => Array.from({ length: n }, (_, i) => `\\${from + i}`).join('');

/**
 * From the blank after a marker to the blank before the next one, ending in a reader's command that starts after an
 * operator, perhaps after assignments (`cat <<A && sudo python3 -u <<B`, `<<A cat | node <<B`).
 */
const readerGap = (reader) =>
  r`(?:(?![ \t]${MARKER_START}).)*?(?:(?<![<>])[;&|(]|(?<=[ \t])[!{])[ \t]*(?:${ASSIGNMENT}[ \t]+)*${readerBefore(reader)}`;

/**
 * What the RUN rules below may find before the first marker: nothing, or the reader's command when
 * heredoc-run-several-after-reader starts them at it (heredoc-reader has checked it).
 */
const BEFORE_FIRST_MARKER = r`(?:(?!${MARKER_START})[^\n])*?`;

/**
 * The repository entries for several heredocs on one line, for RUN (kind 'run') or COPY/ADD ('text'); the rule
 * named severalHeredocs(kind, suffix) starts them at the first marker, and for RUN, heredoc-run-several-after-reader
 * at the command of a reader of the first one (inside heredoc-reader).
 *
 * A RUN body is read by a shell or interpreter (READERS) named before its marker at the start of a command
 * (`python3 <<A`, `&& bash <<B`) or after it (`<<B sh`); else it is data. Every rule finds its marker by lookahead
 * from where the line's first rule started, so each sees the reader's command of the first marker, if any, and
 * the first body consumes it.
 */
function multiHeredocRules(kind, command, suffix = '') {
  const forms = [];
  const data = kind === 'run' ? 'run-data' : 'text';
  for (const chomp of [true, false]) {
    forms.push({ chomp, quote: 'quoted', body: data }, { chomp, quote: 'unquoted', body: `${data}-expand` });
  }
  const chompName = (chomp) => (chomp ? 'chomp' : 'plain');
  const name = (what, j, f) => `heredoc-${kind}-${what}${j}-${chompName(f.chomp)}-${f.quote}${suffix}`;
  // a reader reads a quoted or an unquoted body alike: its rules depend only on <<-
  const readerName = (what, j, chomp) => `heredoc-${kind}-${what}${j}-${chompName(chomp)}${suffix}`;
  const readers = kind === 'run' ? READERS : [];
  const lead = kind === 'run' ? BEFORE_FIRST_MARKER : '';
  const rules = {};
  const lines = [];

  /**
   * The rule of one body: `at` is a lookahead with `groups` groups that captures the marker's word; the first body
   * also consumes `lead`, the text before its marker, and the rest of the marker line.
   */
  const bodyRule = (j, chomp, b) => {
    const tabs = chomp ? r`\t*` : '';
    if (j > 1) {
      const terminator = r`${tabs}(?:${backrefs(b.groups)})`;
      const nested = forms.map((g) => name('nested', j - 1, g));
      if (kind === 'text') return textBodyAfterOthers(b.at, terminator, tabs, nested, b.body, suffix);
      return {
        begin: r`\G${b.at}`,
        while: r`^(?!${terminator}$)`,
        patterns: [...nested.map((rule) => ({ include: `#${rule}` })), ...heredocBodyPatterns(b.body, suffix)],
      };
    }
    // group 1 the text before the marker, then those of `at`, then the marker's
    const terminator = r`${tabs}(?:${backrefs(b.groups, 2)})`;
    return {
      begin: r`\G(${b.lead})${b.at}(\d*)(<<-?)${HEREDOC_GAP}${markerWord('any', b.groups + 4)}${HEREDOC_WORD_END}`,
      beginCaptures: {
        1: { ...(b.leadScope ? { name: b.leadScope } : {}), patterns: command },
        ...markerCaptures(b.groups + 1),
      },
      while: r`^(?!${terminator}$)`,
      patterns: [
        markerLineRest(command),
        ...heredocBodyPatterns(b.body, suffix),
      ],
    };
  };

  for (let j = 1; j <= MAX_HEREDOCS; j++) {
    // the bodies readers read: the reader named before the marker (at the start of a command) or after it
    const readerRules = { true: [], false: [] };
    for (const chomp of [true, false]) {
      const input = markerOfForm(chomp, 'any', true);
      const after = (reader) => r`(?=${lead}${skipMarkers(j - 1)}${input.re}${readerAfter(reader)})`;
      const add = (what, b) => {
        rules[readerName(what, j, chomp)] = bodyRule(j, chomp, b);
        readerRules[chomp].push(readerName(what, j, chomp));
      };
      if (j === 1) {
        for (const reader of readers) {
          add(`${reader.id}-input-body`, {
            lead: readerBefore(reader),
            leadScope: heredocInputOf(reader.id),
            at: r`(?=${input.re}${AFTER_INPUT})`,
            groups: input.groups,
            body: reader.id,
          });
        }
        for (const reader of readers) add(`${reader.id}-body`, { lead, at: after(reader), groups: input.groups, body: reader.id });
      } else {
        for (const reader of readers) {
          const before = r`(?=${lead}${skipMarkers(j - 2)}${ANY_MARKER}${readerGap(reader)}${input.re}${AFTER_INPUT})`;
          // the groups of both lookaheads: one of them takes part
          add(`${reader.id}-body`, { at: r`(?:${after(reader)}|${before})`, groups: 2 * input.groups, body: reader.id });
        }
      }
    }
    for (const f of forms) {
      const marker = markerOfForm(f.chomp, f.quote);
      const tabs = f.chomp ? r`\t*` : '';
      const at = r`(?=${lead}${skipMarkers(j - 1)}${marker.re})`;
      // else the body is data
      rules[name('body', j, f)] = bodyRule(j, f.chomp, { lead, at, groups: marker.groups, body: f.body });
      const inners = [...readerRules[f.chomp], name('body', j, f)].map((rule) => ({ include: `#${rule}` }));
      const end = { end: r`^(${tabs})(${backrefs(marker.groups)})$`, endCaptures: { 2: { name: 'entity.name.tag.heredoc.dockerfile' } } };
      // marker j's heredoc, inside marker j + 1's (the lookbehind keeps it from starting at a body line, where the
      // \G of a while rule holds)
      if (j < MAX_HEREDOCS) rules[name('nested', j, f)] = { begin: r`\G(?<=.)${at}`, ...end, patterns: inners };
      if (j > 1) {
        // the heredoc of a line with exactly j markers
        rules[name('line', j, f)] = {
          begin: r`\G(?=${lead}${skipMarkers(j - 1)}${marker.re}${NO_MORE_MARKERS})`,
          ...end,
          patterns: inners,
        };
        lines.unshift(name('line', j, f));
      }
    }
  }
  // A line with more markers than that: the heredoc of the last marker holds the rules of the first
  // MAX_HEREDOCS - 1 (the nested ones of the last of them), then the remaining bodies as one text that runs to the
  // last terminator. Their terminators are text there, as this rule only knows the last word; its body is a while
  // rule that ends at every line that may be a terminator (DELIMITER_LINE) and starts again there unless it is the
  // last one.
  for (const chomp of [true, false]) {
    const tabs = chomp ? r`\t*` : '';
    const overflow = `heredoc-${kind}-overflow-${chompName(chomp)}${suffix}`;
    rules[overflow] = {
      begin: r`\G(?=${lead}(?:${ANY_MARKER}${MARKER_GAP}){${MAX_HEREDOCS}}${lastMarker(chomp)})`,
      end: r`^(${tabs})(\2\3)$`,
      endCaptures: { 2: { name: 'entity.name.tag.heredoc.dockerfile' } },
      patterns: [
        ...forms.map((f) => ({ include: `#${name('nested', MAX_HEREDOCS - 1, f)}` })),
        { begin: '^', while: r`^(?!\t*${DELIMITER_LINE}$)`, patterns: heredocBodyPatterns('text', suffix) },
      ],
    };
    lines.push(overflow);
  }
  // One rule finds a line with two markers or more (cheaper than one per count, as it is tried at every position of
  // shell text) and holds the rule for its count, from the first marker to the last terminator. The rules inside
  // have no scope of their own: the shell injection that starts this one must see meta.heredoc at once.
  const severalMarkers = r`${ANY_MARKER}${MARKER_GAP}${ANY_MARKER}`;
  const patterns = lines.map((line) => ({ include: `#${line}` }));
  rules[severalHeredocs(kind, suffix)] = {
    begin: r`(?<=[ \t])(?=${severalMarkers})`,
    end: r`(?=\n)`,
    name: S.heredoc,
    patterns,
  };
  if (kind === 'run') {
    rules['heredoc-run-several-after-reader'] = {
      begin: r`\G(?=${BEFORE_FIRST_MARKER}${severalMarkers})`,
      end: r`(?=\n)`,
      name: S.heredoc,
      patterns,
    };
  }
  return rules;
}

/**
 * The heredoc of a later marker of COPY/ADD (`<<B` in `COPY <<A <<B /dst/`): a while rule would end it, and every
 * body inside, at a line `B` in A's body, which BuildKit reads as text. So its end is checked only once the bodies
 * before it are over, and its own body, text, is a while rule that ends at any line that may be a terminator
 * (DELIMITER_LINE: as a quoted delimiter may hold blanks, nearly any line) and starts again there unless it is B's:
 * that pops what the line before left open (an unclosed `${`) without knowing the word. (RUN bodies may be code,
 * which must not start again at a word such as `fi` or `end`: they keep the while rule, and with it that
 * limitation.)
 */
function textBodyAfterOthers(at, terminator, tabs, nested, body, suffix) {
  return {
    begin: r`\G${at}`,
    end: r`^(?=${terminator}$)`,
    patterns: [
      ...nested.map((rule) => ({ include: `#${rule}` })),
      { begin: '^', while: r`^(?!${tabs}${DELIMITER_LINE}$)`, patterns: heredocBodyPatterns(body, suffix) },
    ],
  };
}

const severalHeredocs = (kind, suffix) => `heredoc-${kind}-several${suffix}`;

function modeRules(m) {
  const x = m.suffix;
  const rules = {};
  const add = (name, rule) => { rules[name + x] = rule; };
  const e = m.e;

  // ---------------------------------------------------------------- line structure
  // Ends the instruction: the line does not end in the escape character (or ends in a doubled one). The rule is
  // pushed on the newline; the instruction's while condition then fails on the next line.
  add('instruction-end', {
    begin: r`(?:(?<=[^${e} \t])|(?<=${e}${e}))[ \t]*\n`,
    end: never,
  });
  add('line-continuation', {
    match: r`(?:(?<=[^${e}])|^)(${e})[ \t]*\n`,
    captures: { 1: { name: S.continuation } },
  });
  // The blanks before a backtick escape on a line that holds nothing else: the shell grammar would start a command
  // there (at a backtick, its command substitution), and the next line's first word would be an argument of that
  // command. (It never starts one before a lone backslash.)
  if (m.e === BT) add('lone-continuation-indent', { match: r`^[ \t]+(?=${e}[ \t]*\n)` });
  add('escape', { match: r`${e}.`, name: S.escape });
  add('escape-dollar', { match: r`${e}\$`, name: S.escape });

  // ---------------------------------------------------------------- variables
  add('variable', {
    patterns: [
      {
        match: r`(\$)([A-Za-z_][A-Za-z0-9_]*)`,
        name: 'variable.other.readwrite.dockerfile',
        captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } },
      },
      // positional ($1, every digit that follows) and special parameters: BuildKit reads them as variables that are
      // never set
      {
        match: r`(\$)([0-9]+)`,
        name: 'variable.parameter.positional.dockerfile',
        captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } },
      },
      { match: r`\$[@*#?$!\-]`, name: 'variable.language.special.dockerfile' },
      {
        // ${v/pattern/replacement} and ${v//pattern/replacement}
        begin: r`(\$\{)([A-Za-z_][A-Za-z0-9_]*)(//?)`,
        beginCaptures: {
          1: { name: 'punctuation.definition.variable.begin.dockerfile' },
          2: { name: 'variable.other.readwrite.dockerfile' },
          3: { name: 'keyword.operator.expansion.dockerfile' },
        },
        end: r`\}`,
        endCaptures: { 0: { name: 'punctuation.definition.variable.end.dockerfile' } },
        name: 'meta.variable.dockerfile',
        patterns: [
          {
            begin: r`\G(?!\})`,
            end: r`(/)|(?=\})`,
            endCaptures: { 1: { name: 'keyword.operator.expansion.dockerfile' } },
            patterns: [ref('escape', m), ref('variable', m)],
          },
          ref('escape', m),
          ref('variable', m),
        ],
      },
      {
        // ${v}, ${v:-w}, ${v-w}, ${v:+w}, ${v+w}, ${v:?w}, ${v?w}, ${v#p}, ${v##p}, ${v%p}, ${v%%p}; v may also be
        // positional (${1}) or special (${@})
        begin: r`(\$\{)(?:([A-Za-z_][A-Za-z0-9_]*)|([0-9]+)|([@*#?$!\-])(?=[}:]))?(:?[\-+?]|##?|%%?)?`,
        beginCaptures: {
          1: { name: 'punctuation.definition.variable.begin.dockerfile' },
          2: { name: 'variable.other.readwrite.dockerfile' },
          3: { name: 'variable.parameter.positional.dockerfile' },
          4: { name: 'variable.language.special.dockerfile' },
          5: { name: 'keyword.operator.expansion.dockerfile' },
        },
        end: r`\}`,
        endCaptures: { 0: { name: 'punctuation.definition.variable.end.dockerfile' } },
        name: 'meta.variable.dockerfile',
        patterns: [ref('escape', m), ref('variable', m), ref('string-double', m), ref('string-single')],
      },
    ],
  });

  // ---------------------------------------------------------------- strings and words
  add('string-double', {
    begin: '"',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
    end: '"',
    endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
    name: 'string.quoted.double.dockerfile',
    patterns: [{ match: r`${e}[${e}"$]`, name: S.escape }, ref('variable', m)],
  });
  add('word', {
    patterns: [ref('string-double', m), ref('string-single'), ref('escape', m), ref('variable', m)],
  });

  // ---------------------------------------------------------------- flags
  const flagValue = r`(?:"(?:[^"${e}]|${e}.)*"|'[^']*'|(?!${e}[ \t]*$)[^ \t"'])*`;
  const flagHead = (name) => r`(?<=^|[ \t])(--)(${name})`;
  add('flag-mount', {
    match: r`${flagHead('mount')}(=)(${flagValue})`,
    name: 'meta.flag.dockerfile',
    captures: {
      1: { name: 'punctuation.definition.flag.dockerfile' },
      2: { name: 'variable.parameter.flag.dockerfile' },
      3: { name: S.assign },
      4: { patterns: [ref('mount-option', m)] },
    },
  });
  add('mount-option', {
    patterns: [
      {
        match: r`([A-Za-z]+)(?:(=)((?:"(?:[^"${e}]|${e}.)*"|'[^']*'|[^,])*))?`,
        captures: {
          1: { name: 'entity.other.attribute-name.mount.dockerfile' },
          2: { name: S.assign },
          3: { name: 'string.unquoted.mount-value.dockerfile', patterns: [ref('word', m)] },
        },
      },
      { match: ',', name: 'punctuation.separator.comma.dockerfile' },
    ],
  });
  add('flag-from', {
    match: r`${flagHead('from')}(=)(${flagValue})`,
    name: 'meta.flag.dockerfile',
    captures: {
      1: { name: 'punctuation.definition.flag.dockerfile' },
      2: { name: 'variable.parameter.flag.dockerfile' },
      3: { name: S.assign },
      4: {
        patterns: [
          { match: r`(?<==)[A-Za-z0-9_.\-]+$`, name: S.stage },
          // the builder does not expand variables in --from
          { match: '.+', name: 'meta.image-reference.dockerfile', captures: { 0: { patterns: [ref('image-reference-literal', m)] } } },
        ],
      },
    },
  });
  const flagRule = (names, expand) => ({
    match: r`${flagHead(names)}(?:(=)(${flagValue}))?`,
    name: 'meta.flag.dockerfile',
    captures: {
      1: { name: 'punctuation.definition.flag.dockerfile' },
      2: { name: 'variable.parameter.flag.dockerfile' },
      3: { name: S.assign },
      4: { name: 'string.unquoted.flag-value.dockerfile', ...(expand ? { patterns: [ref('word', m)] } : {}) },
    },
  });
  // any flag, its value literal; the flags of EXPANDING_FLAGS come first, with variables
  add('flag', flagRule(r`[A-Za-z][A-Za-z0-9\-]*`, false));
  for (const [kw, names] of Object.entries(EXPANDING_FLAGS)) {
    add(`flag-expand-${kw.toLowerCase()}`, flagRule(r`(?:${names.join('|')})(?![A-Za-z0-9\-])`, true));
  }
  const flags = (kw) => [...(EXPANDING_FLAGS[kw] ? [ref(`flag-expand-${kw.toLowerCase()}`, m)] : []), ref('flag', m)];
  // A bare `--` ends the flags: what follows it is the instruction's arguments, even a word that starts with `--`.
  const afterFlags = (patterns) => [
    {
      begin: r`(?<=^|[ \t])(--)(?=[ \t]|$|${e}[ \t]*$)`,
      beginCaptures: { 1: { name: 'meta.flag.dockerfile punctuation.definition.flag.terminator.dockerfile' } },
      end: never,
      patterns,
    },
    ...patterns,
  ];
  /** The heredocs of COPY and ADD, whose bodies are files. */
  const textHeredocs = (kw) => (HEREDOC_INSTRUCTIONS.includes(kw) ? heredocRefs('text', m) : []);
  /** The arguments as words: with variables where the builder expands them. */
  const words = (kw) => (EXPANDING_INSTRUCTIONS.includes(kw) ? [ref('word', m)] : []);

  // ---------------------------------------------------------------- exec form (JSON arrays)
  // a JSON string as Go's decoder accepts it: no control characters, only JSON's escapes (`"C:\Program Files"` is not
  // one, so BuildKit runs the whole text with the shell)
  const jsonStr = r`"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"`;
  const execValid = r`[ \t]*(?:${jsonStr}[ \t]*(?:,[ \t]*${jsonStr}[ \t]*)*)?(?:\][ \t]*$|,?[ \t]*${e}[ \t]*$)`;
  const jsonArray = (validate, withVariables) => ({
    begin: validate ? r`(\[)(?=${execValid})` : r`(\[)`,
    beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
    end: r`(\])`,
    endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
    name: 'meta.array.exec-form.dockerfile',
    patterns: [
      withVariables ? jsonString([ref('variable', m)]) : ref('json-string'),
      ref('json-separator'),
    ],
  });
  add('exec-form', jsonArray(true, false));
  add('exec-form-expand', jsonArray(true, true));
  add('json-array', jsonArray(false, false));

  // ---------------------------------------------------------------- shell form
  add('shell-form', {
    begin: m.argStart,
    end: never,
    contentName: S.shell,
    patterns: SHELL_PATTERNS,
  });

  // RUN whose whole command is one heredoc (after the flags, perhaps on a continuation line): the script.
  add('shell-form-heredoc-script', {
    begin: r`${m.argStart}(?=${ANY_MARKER}[ \t]*$)`,
    end: never,
    contentName: `${S.shell} ${S.heredocInput}`,
    patterns: SHELL_PATTERNS,
  });

  // ---------------------------------------------------------------- image references
  const imageReference = (expand) => {
    const variables = expand ? [ref('variable', m)] : [];
    // a character of a tag (or of the text after a colon), where the builder expands `${…}` as one unit: its default
    // or pattern may hold a colon or a slash (`node:${TAG:-20}`, `${REGISTRY:-docker.io}/node:${V:-20}-alpine`)
    const tagChar = expand ? r`(?:\$\{[^}\n]*\}|\$(?!\{)|[^:/@$])` : '[^:/@]';
    return {
      patterns: [
        ...variables,
        {
          match: r`(@)([^@]*)$`,
          captures: {
            1: { name: 'punctuation.separator.digest.dockerfile' },
            2: { name: 'constant.other.image-digest.dockerfile', patterns: variables },
          },
        },
        {
          match: r`(:)(${tagChar}*)(?=@[^@]*$|$)`,
          captures: {
            1: { name: 'punctuation.separator.tag.dockerfile' },
            2: { name: 'constant.other.image-tag.dockerfile', patterns: variables },
          },
        },
        { match: r`(?:[^:@${expand ? '$' : ''}\s]|:(?!${tagChar}*(?:@|$)))+`, name: 'entity.name.type.image.dockerfile' },
      ],
    };
  };
  add('image-reference-parts', imageReference(true));
  add('image-reference-literal', imageReference(false));

  // ---------------------------------------------------------------- key=value pairs (ENV, LABEL, ARG)
  const kv = (keyScope, keyPattern) => ({
    begin: r`(?<=^|[ \t])(${keyPattern})(=)`,
    beginCaptures: {
      1: { name: keyScope, patterns: [ref('word', m)] },
      2: { name: S.assign },
    },
    // not `$`: after a line continuation (its newline consumed) `$` would hold at the end of the line, and the value
    // would end there, where BuildKit joins the next line's first word to it (`ENV A=abc\` then `def`)
    end: r`(?=[ \t\n])`,
    contentName: S.unquoted,
    patterns: [ref('word', m)],
  });
  const plainKey = r`(?:[^ \t\n="'$${e}]|${e}.)+`;
  const quotedKey = r`(?:"(?:[^"${e}]|${e}.)*"|'[^']*'|[^ \t\n="'${e}]|${e}.)+`;
  // legacy form `ENV key value…`: the first word has no `=`
  const legacy = (keyScope, keyPattern) => ({
    begin: r`\G[ \t]+(${keyPattern})[ \t]+(?=(?!${e}[ \t]*$)[^ \t])`,
    beginCaptures: { 1: { name: keyScope, patterns: [ref('word', m)] } },
    end: never,
    contentName: S.unquoted,
    patterns: [ref('word', m)],
  });

  // ---------------------------------------------------------------- arguments per instruction
  const region = (patterns) => ({ begin: m.argStart, end: never, patterns });
  const args = {
    ADD: [...flags('ADD'), ...afterFlags([region([ref('exec-form-expand', m), ...textHeredocs('ADD'), ref('word', m)])])],
    ARG: [
      kv('variable.other.arg.dockerfile', plainKey),
      { match: r`(?<=^|[ \t])([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]|$)`, name: 'variable.other.arg.dockerfile' },
      ref('word', m),
    ],
    CMD: [ref('exec-form', m), ref('shell-form', m)],
    COPY: [
      ref('flag-from', m),
      ...flags('COPY'),
      ...afterFlags([region([ref('exec-form-expand', m), ...textHeredocs('COPY'), ref('word', m)])]),
    ],
    ENTRYPOINT: [ref('exec-form', m), ref('shell-form', m)],
    ENV: [legacy('variable.other.env.dockerfile', plainKey), kv('variable.other.env.dockerfile', plainKey), ref('word', m)],
    EXPOSE: [
      {
        match: r`(?<=^|[ \t])(\d+)(?:(-)(\d+))?(?:(/)([A-Za-z]+))?(?=[ \t]|$)`,
        captures: {
          1: { name: 'constant.numeric.port.dockerfile' },
          2: { name: 'punctuation.separator.range.dockerfile' },
          3: { name: 'constant.numeric.port.dockerfile' },
          4: { name: 'punctuation.separator.protocol.dockerfile' },
          5: { name: 'constant.language.protocol.dockerfile' },
        },
      },
      {
        match: r`(/)((?i:tcp|udp|sctp))\b`,
        captures: {
          1: { name: 'punctuation.separator.protocol.dockerfile' },
          2: { name: 'constant.language.protocol.dockerfile' },
        },
      },
      ref('word', m),
    ],
    FROM: [
      ...flags('FROM'),
      ...afterFlags([{
        // the image is the first word, where the arguments start (perhaps at the start of a continuation line)
        begin: r`${m.argStart}((?:\$\{[^}\n]*\}|(?!${e}[ \t]*$)[^ \t\n])+)`,
        beginCaptures: { 1: { name: 'meta.image-reference.dockerfile', patterns: [ref('image-reference-parts', m)] } },
        end: never,
        patterns: [
          {
            // AS at the end of a line that continues: the stage name is the next word, on a later line
            begin: r`(?<=^|[ \t])((?i:AS))(?=[ \t]*${e}[ \t]*$)`,
            beginCaptures: { 1: { name: S.as } },
            end: r`(?!\G)(?<=[^ \t\n])(?=[ \t\n])`,
            patterns: [{ match: r`(?<=^|[ \t])(?!${e}[ \t]*$)[^ \t\n]+`, name: S.stage }],
          },
          {
            match: r`(?<=^|[ \t])((?i:AS))(?:[ \t]+((?!${e}[ \t]*$)[^ \t\n]+))?(?=[ \t]|$)`,
            captures: { 1: { name: S.as }, 2: { name: S.stage } },
          },
          ref('word', m),
        ],
      }]),
    ],
    HEALTHCHECK: [
      ...flags('HEALTHCHECK'),
      ...afterFlags([
        { match: r`(?<=^|[ \t])((?i:NONE))(?=[ \t]|$)`, captures: { 1: { name: S.healthcheckType } } },
        {
          begin: r`(?<=^|[ \t])((?i:CMD))${m.kwEnd}`,
          beginCaptures: { 1: { name: S.healthcheckType } },
          end: never,
          patterns: [ref('exec-form', m), ref('shell-form', m)],
        },
      ]),
    ],
    LABEL: [
      legacy('entity.other.attribute-name.label.dockerfile', quotedKey),
      kv('entity.other.attribute-name.label.dockerfile', quotedKey),
      ref('word', m),
    ],
    MAINTAINER: words('MAINTAINER'),
    RUN: [
      ref('flag-mount', m),
      ...flags('RUN'),
      ...afterFlags([ref('exec-form', m), ref('shell-form-heredoc-script', m), ref('shell-form', m)]),
    ],
    SHELL: [ref('json-array', m), ...words('SHELL')],
    STOPSIGNAL: [
      { match: r`(?<=^|[ \t])(?:SIG)?[A-Z][A-Z0-9+\-]*(?=[ \t]|$)`, name: 'constant.language.signal.dockerfile' },
      { match: r`(?<=^|[ \t])\d+(?=[ \t]|$)`, name: 'constant.numeric.signal.dockerfile' },
      ref('word', m),
    ],
    USER: [{ match: ':', name: 'punctuation.separator.user-group.dockerfile' }, ref('word', m)],
    VOLUME: [ref('exec-form-expand', m), ref('word', m)],
    WORKDIR: [ref('word', m)],
  };

  for (const kw of INSTRUCTIONS) {
    if (kw === 'ONBUILD') continue;
    add(`args-${kw.toLowerCase()}`, { patterns: args[kw] });
  }

  // After an instruction has ended, the next line pops it: BuildKit reads any line there as a new instruction (an
  // unknown word is an unknown instruction), a comment or a blank line.
  const instructionWhile = r`^(?!\G)`;

  const instructionPatterns = [ref('comment')];
  for (const kw of INSTRUCTIONS) {
    const lower = kw.toLowerCase();
    if (kw === 'ONBUILD') {
      const triggers = INSTRUCTIONS.filter((k) => k !== 'ONBUILD').map((k) => ({
        begin: r`(?:\G[ \t]+|^[ \t]*)((?i:${k}))${m.kwEnd}`,
        beginCaptures: { 1: { name: S.keyword } },
        end: never,
        name: `meta.instruction.${k.toLowerCase()}.dockerfile`,
        patterns: [ref(`args-${k.toLowerCase()}`, m)],
      }));
      add('instruction-onbuild', {
        begin: r`^[ \t]*((?i:ONBUILD))${m.kwEnd}`,
        beginCaptures: { 1: { name: S.onbuild } },
        while: instructionWhile,
        name: 'meta.instruction.onbuild.dockerfile',
        patterns: [...triggers, ref('word', m)],
      });
    } else {
      add(`instruction-${lower}`, {
        begin: r`^[ \t]*((?i:${kw}))${m.kwEnd}`,
        beginCaptures: { 1: { name: S.keyword } },
        while: instructionWhile,
        name: `meta.instruction.${lower}.dockerfile`,
        patterns: [ref(`args-${lower}`, m)],
      });
    }
    instructionPatterns.push(ref(`instruction-${lower}`, m));
  }
  // Anything else at the start of a line is an instruction BuildKit will reject; it still continues like one.
  add('instruction-unknown', {
    begin: r`^[ \t]*(?=[^ \t\n#])`,
    while: instructionWhile,
    name: 'meta.instruction.unknown.dockerfile',
    patterns: [ref('word', m)],
  });
  instructionPatterns.push(ref('instruction-unknown', m));
  add('instructions', { patterns: instructionPatterns });

  // ---------------------------------------------------------------- heredocs in COPY / ADD: the body is text
  const command = [ref('word', m)];
  add('heredoc-text-chomp', heredocTextRule(true, command, m));
  add('heredoc-text-plain', heredocTextRule(false, command, m));
  add('heredoc-text-later', laterHeredocRule('text', m));
  Object.assign(rules, multiHeredocRules('text', command, x));

  return rules;
}

/** The rules that start heredocs in RUN ('run') or COPY/ADD ('text'): several on one line first. */
function heredocRefs(kind, m) {
  const suffix = kind === 'text' ? m.suffix : '';
  return [
    { include: `#${severalHeredocs(kind, suffix)}` },
    { include: `#heredoc-${kind}-chomp${suffix}` },
    { include: `#heredoc-${kind}-plain${suffix}` },
    ...(kind === 'run' ? [{ include: '#heredoc-not-a-marker' }] : []),
  ];
}

/** COPY/ADD heredoc: an unquoted first marker means the builder expands variables in the body. */
function heredocTextRule(chomp, command, m) {
  const quoted = heredocRule({ chomp, command, body: 'text', suffix: m.suffix, marker: 'quoted' });
  const expand = heredocRule({ chomp, command, body: 'text-expand', suffix: m.suffix, marker: 'unquoted' });
  const continued = ['quoted', 'unquoted'].map((marker) => continuedHeredocRule({ chomp, kind: 'text', marker, m }));
  return { ...quoted, patterns: [...continued, quoted.patterns[0], expand.patterns[0]] };
}

function jsonString(extraPatterns = []) {
  return {
    begin: '"',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
    end: '"',
    endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
    name: 'string.quoted.double.json.dockerfile',
    patterns: [{ match: r`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: S.escape }, ...extraPatterns],
  };
}

export function buildGrammar() {
  const normal = escapeMode(false);
  const backtick = escapeMode(true);
  const repository = { ...sharedRules(), ...modeRules(normal), ...modeRules(backtick) };

  // A blank line inside a continued instruction is consumed with its newline: BuildKit drops it, and the shell
  // grammar would end its command (or statement) at that newline, so the next line's first word would show as a
  // command name where it is an argument (`apt-get install -y \`, a blank line, `curl`).
  const endAndContinue = (m) => [
    ref('comment-line-in-instruction'),
    ref('blank-line-in-instruction'),
    ...(m.e === BT ? [ref('lone-continuation-indent', m)] : []),
    ref('line-continuation', m),
    ref('instruction-end', m),
  ];
  const noCode = '- string - comment - meta.arithmetic';
  // in the rest of a heredoc marker line (markerLineRest), what keeps its logical line going
  const continueMarkerLine = (m) => [ref('comment-line-in-instruction'), ref('blank-line-in-instruction'), ref('line-continuation', m)];

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Dockerfile',
    scopeName: 'source.dockerfile',
    comment: 'Generated by syntaxes/dockerfile.grammar.mjs - edit that file, then run it.',
    patterns: [
      ref('shebang-head'),
      ref('escape-backtick-head'),
      ref('directives'),
      ref('document'),
    ],
    injections: {
      [`L:meta.instruction - ${S.backtickMode} - meta.heredoc`]: { patterns: endAndContinue(normal) },
      [`L:${S.backtickMode} meta.instruction - meta.heredoc`]: { patterns: endAndContinue(backtick) },
      // Of the shell forms only RUN's (ONBUILD RUN's too) has heredocs (HEREDOC_INSTRUCTIONS): those of CMD,
      // ENTRYPOINT and HEALTHCHECK CMD get neither these rules nor the shell grammar's heredocs (heredoc-not-read).
      [`L:meta.instruction.run ${S.shell} - meta.heredoc - meta.heredoc-input - (meta.heredoc-reader - meta.heredoc-reader-arguments) ${noCode}`]: {
        patterns: heredocRefs('run', normal),
      },
      // shell comments that run on over continuation lines (in heredoc bodies the shell grammar's end at the line end)
      [`L:meta.instruction.run ${S.shell} - meta.heredoc ${noCode}`]: { patterns: [ref('shell-comment')] },
      [`L:meta.instruction ${S.shell} - meta.instruction.run ${noCode}`]: {
        patterns: [ref('shell-comment-no-heredoc'), ref('heredoc-not-read')],
      },
      // before the shell comments: a comment line inside the marker's logical line is one BuildKit drops (a shell
      // comment begun there would end the logical line at the end of that line); injections tried at the same position
      // win in the order they are listed
      [`L:${S.heredocCommand} - ${S.backtickMode} ${NOT_IN_LATER_BODIES}`]: { patterns: continueMarkerLine(normal) },
      [`L:${S.backtickMode} ${S.heredocCommand} ${NOT_IN_LATER_BODIES}`]: { patterns: continueMarkerLine(backtick) },
      // a marker on a continuation line of a marker's line (continuedHeredocRule)
      [`L:${S.shell} ${S.heredocContinued} - meta.heredoc.later ${noCode}`]: { patterns: [ref('heredoc-run-later')] },
      [`L:${S.heredocContinued} - ${S.shell} - ${S.backtickMode} - meta.heredoc.later ${noCode}`]: { patterns: [ref('heredoc-text-later', normal)] },
      [`L:${S.backtickMode} ${S.heredocContinued} - ${S.shell} - meta.heredoc.later ${noCode}`]: { patterns: [ref('heredoc-text-later', backtick)] },
      [`L:${S.shell} ${S.heredocCommand} ${noCode} ${NOT_IN_LATER_BODIES}`]: { patterns: [ref('shell-comment-in-heredoc')] },
      // a shell or interpreter word in command position (the shell grammar scopes the words after a command name as
      // arguments)
      [`L:meta.instruction.run ${S.shell} - meta.heredoc - meta.heredoc-input - meta.heredoc-reader - meta.argument ${noCode}`]: {
        patterns: [ref('heredoc-reader'), ref('heredoc-cat-into-shell')],
      },
      [`L:${S.heredocInput} - meta.heredoc ${noCode}`]: {
        patterns: [ref('heredoc-shell-chomp'), ref('heredoc-shell-plain')],
      },
      [`L:${S.heredocCommand} ${noCode} ${NOT_IN_LATER_BODIES}`]: { patterns: [ref('heredoc-shell-marker-extra')] },
      // the rest of a marker line that starts among a command's arguments (not in what that rest starts itself): in a
      // shell command, after a reader's command (whose words heredoc-input may hold as a capture), or in a later
      // marker's heredoc, which sits inside the command that holds the first marker's rest
      [[
        `meta.statement.command ${S.heredocCommand} - (${S.heredocCommand} meta.statement) - meta.heredoc.later`,
        `meta.heredoc-input ${S.heredocCommand} - (${S.heredocCommand} meta.statement) - meta.heredoc.later`,
        `meta.statement.command meta.heredoc.later ${S.heredocCommand} - (meta.heredoc.later ${S.heredocCommand} meta.statement)`,
      ].map((selector) => `L:${selector} - meta.heredoc.command-arguments ${noCode} ${NOT_IN_LATER_BODIES}`).join(', ')]: {
        patterns: [ref('heredoc-command-arguments')],
      },
      'L:meta.heredoc.body meta.embedded.block.python - string - comment': { patterns: [ref('python-line-continuation')] },
      // not in a heredoc inside the command (`tee /x <<-EOF`): the indentation of its body and terminator is theirs
      'L:meta.statement.command - meta.heredoc': { patterns: [ref('shell-continuation-indent')] },
      // nor in a shell heredoc in a body (`cat <<-EOM` in `RUN <<EOF`): its terminator may be indented by tabs
      'L:meta.heredoc.body meta.statement.command - string.quoted.heredoc - string.unquoted.heredoc': { patterns: [ref('shell-continuation-indent')] },
      [`L:meta.heredoc.command meta.statement.command ${NOT_IN_LATER_BODIES}`]: { patterns: [ref('shell-continuation-indent')] },
      [`L:meta.heredoc.command-arguments ${NOT_IN_LATER_BODIES}`]: { patterns: [ref('shell-continuation-indent')] },
      'L:meta.arithmetic.shell - meta.heredoc': { patterns: [ref('shell-continuation-indent')] },
      'L:meta.heredoc.body meta.arithmetic.shell': { patterns: [ref('shell-continuation-indent')] },
      [`L:meta.heredoc.command meta.arithmetic.shell ${NOT_IN_LATER_BODIES}`]: { patterns: [ref('shell-continuation-indent')] },
    },
    repository,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('./dockerfile.tmLanguage.json', import.meta.url));
  writeFileSync(out, JSON.stringify(buildGrammar(), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
