// The syntax layer's public API. It imports nothing from LSP: offsets are UTF-16 code units,
// and spans inside a top-level node are relative to that node's start (see nodes.ts).
export * from './nodes';
export { SyntaxTree, type TextReader, type TextEdit, type DocumentSyntaxError, type ParseStats, type NodeEntry } from './tree';
export { shebangCommand, shebangFailure, shebangProgram, type EnvFailure, type ShebangFailure } from './shebang';
export { type EscapeChar, type ParseState, MAX_LINE_BYTES, heredocData, heredocSourceName, isCopiedHeredoc, runsBodyWithInterpreter, heredocShebang, heredocStripOffset, execShellScript, shellFormVariables, cmdPowerShellScript } from './parser';
export { KNOWN_INSTRUCTIONS, goQuote, mountTypeOption, mountTypeText, typedMountType } from './instructionLine';
export { originalText, logicalLineOf, type LogicalLine } from './logicalLine';
export { dumpTree, buildkitArgs } from './dump';
export { lex, expandWord, expandWords, EMPTY_ENVIRONMENT, TOO_DEEP_MESSAGE, type Environment, type LexResult, type LexOptions, type LexedReference } from './shellLexer';
export { scanShellVariables } from './shellVariables';
export { windowsShellOf, scanCmdVariables, scanPowerShellVariables } from './windowsShellVariables';
export { heredocIsShellInput, runIsOnlyHeredoc, shellReadsHeredoc, type WrapperLength } from './shellHeredocReader';
export { countBelow, lastAtMost } from './sortedSearch';
export { appendAll } from './arrays';
