// Entry point of the bundled server (`dist/server.js`, the `dockerfile-lsp` binary).
// With a transport flag it serves LSP; `lint` runs the command-line linter; `--version` and
// `--help` answer and exit.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { VERSION } from './version';

const HELP = `dockerfile-lsp ${VERSION}: a language server for Dockerfiles

Usage:
  dockerfile-lsp --stdio            serve LSP over standard input and output
  dockerfile-lsp --node-ipc         serve LSP over Node IPC (how VS Code starts it)
  dockerfile-lsp --socket=PORT      serve LSP over a TCP socket on 127.0.0.1:PORT
  dockerfile-lsp --pipe=NAME        serve LSP over a named pipe or Unix socket
  dockerfile-lsp --version          print the version
  dockerfile-lsp --help             print this help
`;

function main(argv: readonly string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId='];
  if (!argv.some((arg) => transports.some((t) => arg === t || (t.endsWith('=') && arg.startsWith(t))))) {
    process.stderr.write(`dockerfile-lsp: no transport given.\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  // createConnection reads the transport (--stdio, --node-ipc, --socket=, --pipe=) from argv.
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}

main(process.argv.slice(2));
