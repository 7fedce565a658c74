// Bundles the extension client and the language server into single files under dist/,
// so the packaged extension and the `dockerfile-lsp` binary need no node_modules at run time.
import * as esbuild from 'esbuild';
import { copyFileSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { removeCodeCaches, writeCodeCache } from './codeCache.mjs';

/** The Node.js flags the VS Code extension starts the server with (client/src/extension.ts). */
const SERVER_NODE_FLAGS = JSON.parse(readFileSync('client/src/serverNodeFlags.json', 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  // Names survive minification for readable stack traces; unminified builds keep them anyway,
  // without the cost of renaming every function at start-up.
  keepNames: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
};

// The language server library loads child_process (to resolve global modules) and crypto (for
// random ids) as it starts, for functions this server never calls: they are required on first use.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(child_process|crypto)$/ }, (args) =>
      /node_modules[\\/]vscode-(languageserver|jsonrpc)[\\/]/.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:${args.path}'))[key] });`,
      loader: 'js',
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // dist/server.js (the entry point, server/src/loader.cjs) starts this bundle from a code cache.
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.bundle.js', plugins: [lazyBuiltins] },
];

/**
 * V8 keeps a script's source for as long as its functions live, and a source with one character
 * outside ASCII is kept at two bytes a character: the server's 1.5 MB bundle took 3 MB of its heap for
 * the few comments (and one regular expression) esbuild keeps as written, having escaped the strings.
 * Each UTF-16 code unit outside ASCII is written back as `\uXXXX`, which means the same in a
 * comment and in a regular expression literal.
 */
function escapeNonAscii(file) {
  const source = readFileSync(file, 'utf8');
  const ascii = source.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== source) writeFileSync(file, ascii);
}

function writeLoader() {
  rmSync('dist/server.js.map', { force: true }); // the map of the bundle before it had a loader
  copyFileSync('server/src/loader.cjs', 'dist/server.js');
  chmodSync('dist/server.js', 0o755);
}

if (watch) {
  // A cache of an older bundle would only be rejected: none while watching.
  removeCodeCaches('dist');
  writeLoader();
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching client/src and server/src');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  escapeNonAscii('dist/server.bundle.js');
  writeLoader();
  // Only a faster start: without the cache the server compiles its bundle as it starts. One cache for
  // a server started without flags and one for the flags the VS Code extension starts it with.
  removeCodeCaches('dist');
  for (const flags of [[], SERVER_NODE_FLAGS]) {
    await writeCodeCache('dist', flags).catch((error) => {
      console.warn(`build: the code cache for the flags ${JSON.stringify(flags)}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
