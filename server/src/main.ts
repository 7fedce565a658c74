// Entry point of the bundled server (`dist/server.js`, the `dockerfile-lsp` binary).
// With a transport flag it serves LSP; `lint` runs the command-line linter and `format` the formatter; `--version` and
// `--help` answer and exit.
import type { MessageReader } from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures } from './server/lsp';
import { runFormat } from './cli/format';
import { runLint } from './cli/lint';
import { startServer } from './server';
import { enforceLifecycle } from './server/lifecycle';
import { checkParams } from './server/params';
import { consoleToClient, openTransport } from './server/transport';
import { VERSION } from './version';

const HELP = `dockerfile-lsp ${VERSION}: a language server for Dockerfiles

Usage:
  dockerfile-lsp --stdio            serve LSP over standard input and output (how the
                                    VS Code extension and most editors start it)
  dockerfile-lsp --node-ipc         serve LSP over Node IPC (when a Node.js client forks it)
  dockerfile-lsp --socket=PORT      serve LSP over a TCP socket on 127.0.0.1:PORT
  dockerfile-lsp --pipe=NAME        serve LSP over a named pipe or Unix socket
  dockerfile-lsp lint [options] FILE...
                                    check Dockerfiles from the command line
                                    (dockerfile-lsp lint --help for its options)
  dockerfile-lsp format [options] FILE...
                                    format Dockerfiles as the editor does, or check
                                    that they are (dockerfile-lsp format --help)
  dockerfile-lsp --version          print the version
  dockerfile-lsp --help             print this help
`;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

/** Runs a command-line command; the exit status stays 2 unless the run settles, so a run that never does cannot pass. */
function command(name: string, run: typeof runLint, args: readonly string[]): void {
  process.exitCode = 2;
  // A reader that stops early (`| head`) closes the pipe: the rest of the output is dropped quietly
  // and the exit status is still the command's, as with a reader that read everything.
  let outputClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    outputClosed = true;
  });
  const io = {
    stdout: (text: string) => void (outputClosed || process.stdout.write(text)),
    stderr: (text: string) => void process.stderr.write(text),
    readStdin,
    cwd: process.cwd(),
  };
  void run(args, io).then(
    (status) => (process.exitCode = status),
    (error: unknown) => {
      process.stderr.write(`dockerfile-lsp ${name}: ${String(error instanceof Error ? error.stack : error)}\n`);
      process.exitCode = 2;
    },
  );
}

function main(argv: readonly string[]): void {
  if (argv[0] === 'lint' || argv[0] === 'format') {
    command(argv[0], argv[0] === 'lint' ? runLint : runFormat, argv.slice(1));
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  // The transport comes from argv (server/transport.ts); messages out of the session's turn are
  // refused (server/lifecycle.ts), and requests whose parameters the server cannot read are
  // answered InvalidParams (server/params.ts).
  const transport = openTransport(argv);
  if (!transport) {
    process.stderr.write(`dockerfile-lsp: no transport given.\n\n${HELP}`);
    // Loading vscode-languageserver with --clientProcessId starts a timer that watches that process
    // and would keep this one alive.
    process.exit(2);
  }
  const options = { messageStrategy: enforceLifecycle(checkParams) };
  // The library takes a stream or a reader for the input whatever the output is (its typings pair them).
  const connection = transport.ends
    ? createConnection(ProposedFeatures.all, transport.ends[0] as MessageReader, transport.ends[1], options)
    : createConnection(ProposedFeatures.all, options);
  if (transport.stdio) consoleToClient(connection);
  startServer(connection, { preparedJson: transport.preparedJson });
}

main(process.argv.slice(2));
