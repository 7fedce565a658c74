// What a command-line command reads and writes, so that tests can run it without a process, and the
// few things every command does alike.

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly cwd: string;
}

/** Why a file could not be read or written, as short as the system says it (`ENOENT`). */
export function readFailure(error: unknown): string {
  return error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
}

/**
 * The usage of a command's parsed arguments: its help on `--help` (exit 0), the error and the help on a
 * usage error (exit 2), or undefined to go on.
 */
export function usageStatus(command: string, parsed: { help: true } | { error: string } | object, help: string, io: CommandIO): number | undefined {
  if ('help' in parsed) {
    io.stdout(help);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr(`dockerfile-lsp ${command}: ${parsed.error}\n\n${help}`);
    return 2;
  }
  return undefined;
}
