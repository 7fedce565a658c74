// LSP benchmark (npm run bench:lsp): drives language servers over stdio the way an editor does and
// prints what a user would feel, measured from the client's side of the pipe. Ours and the peer
// (dockerfile-language-server-nodejs) run in the same invocation with alternating rounds, and the
// table gives the ratio ours/peer for every figure. It checks the answers too, so a server that
// answers nothing fast cannot win. It prints numbers and asserts nothing about time.
// The machine's load is printed before and after: figures from a busy machine are not comparable.
// Before each measured step the benchmark collects its own garbage (it runs with --expose-gc), so
// a pause for what the previous step left (a 9 MB outline, say) is not charged to the next one; with
// --single-threaded-gc (scripts/bench.mjs passes it), no part of that collection goes on in helper
// threads while the server answers.
//
// Each round is what an editor does with one server process: start it, open the document, then a
// session of steps, each a keystroke (timed until diagnostics carrying that version arrive)
// followed by a hover, a completion, the outline, the folds and the semantic tokens (in full, or at
// every other step, when the server offers it, as a delta on the previous step's answer, as VS Code
// asks), at positions that move through the file. Every sample counts in p50 / p95; the first of
// each kind after the open (cold code in a fresh process) is also shown on its own.
//
//   npm run bench:lsp                  all sizes, both servers
//   npm run bench:lsp -- --quick       100 and 1,000 lines only
//   npm run bench:lsp -- --ours-only   skip the peer
//   npm run bench:lsp -- --sizes=10000,50000   only these sizes
//   npm run bench:lsp -- --rounds=12 --steps=20  processes per size (a third at 50,000 lines), steps per session
//   npm run bench:lsp -- --node-args=--cpu-prof,--cpu-prof-dir=/tmp/prof   flags for the servers' node
//   npm run bench:lsp -- --by-step      also each step's median and slowest sample over the rounds, and the server's RSS after it
//   npm run bench:lsp -- --pause=100    wait this long before each keystroke, as a typist leaves the server idle
//   npm run bench:lsp -- --keep-env     start the servers with NODE_EXTRA_CA_CERTS if it is set
//   npm run bench:lsp -- --pool-size=4  V8's background threads for the servers (default 1, as our VS Code client starts ours; Node.js's own default is 4)
//   npm run bench:lsp -- --semi-space=0  V8's young generation semi-space limit in MiB for the servers (default 4, as our client starts ours; 0: V8's own, 16)
//   npm run bench:lsp -- --threads      also, per request, how long the server's main thread waited for a core and its other threads ran (Linux)
//   npm run bench:lsp -- --ipc          talk to ours over Node IPC instead of stdio (the peer stays on stdio)
//
// Under each table, the client's own share of every figure: the time it spent turning the bytes
// of the messages that arrived during the request into objects (UTF-8 decoding and JSON.parse, as
// vscode-jsonrpc does it for VS Code's client), which no server can make shorter than its answer
// is long. Over --ipc, Node.js parses the messages before the client sees them, and it is not shown.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';
import { generateDockerfile } from './generate';

interface ServerSpec {
  readonly name: string;
  readonly command: string[];
}

const ROOT = path.resolve(__dirname, '../..');
// Over stdio, as editors (VS Code's client included) start it; `--ipc`: over Node IPC instead.
const IPC = process.argv.includes('--ipc');
const OURS: ServerSpec = { name: 'ours', command: [process.execPath, path.join(ROOT, 'dist/server.js'), IPC ? '--node-ipc' : '--stdio'] };
const PEER: ServerSpec = {
  name: 'peer',
  command: [process.execPath, path.join(ROOT, 'node_modules/dockerfile-language-server-nodejs/lib/server.js'), '--stdio'],
};

const args = process.argv.slice(2);
const SIZES_ARG = args.find((a) => a.startsWith('--sizes='))?.split('=')[1];
const SIZES = SIZES_ARG ? SIZES_ARG.split(',').map(Number) : args.includes('--quick') ? [100, 1_000] : [100, 1_000, 10_000, 50_000];
const SERVERS = args.includes('--ours-only') ? [OURS] : [OURS, PEER];
const ROUNDS = Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 12);
const STEPS = Number(args.find((a) => a.startsWith('--steps='))?.split('=')[1] ?? 20);
const BY_STEP = args.includes('--by-step');
const PAUSE_MS = Number(args.find((a) => a.startsWith('--pause='))?.split('=')[1] ?? 0);
const THREADS = args.includes('--threads');
// Both servers run V8's background work (optimising compilation, collection) on one helper thread,
// as our VS Code client starts ours: with Node.js's four, on a 2-core machine, they take the core
// the server's main thread needs. And both have a young generation of at most 4 MiB a semi-space, as
// our client starts ours (V8's default grows to 16 while a large file opens).
const POOL_SIZE = Number(args.find((a) => a.startsWith('--pool-size='))?.split('=')[1] ?? 1);
const SEMI_SPACE = Number(args.find((a) => a.startsWith('--semi-space='))?.split('=')[1] ?? 4);
const NODE_ARGS = [`--v8-pool-size=${POOL_SIZE}`, ...(SEMI_SPACE ? [`--max-semi-space-size=${SEMI_SPACE}`] : []), ...(args.find((a) => a.startsWith('--node-args='))?.slice('--node-args='.length).split(',') ?? [])];
// Both servers start in this process's environment without NODE_EXTRA_CA_CERTS, as our VS Code
// client starts ours: with it set, Node.js reads the file and builds its certificate store before
// running any code, which the header measures. Neither server opens a network connection.
// `--keep-env` keeps the variable, to measure what a server started with it pays.
const KEEP_ENV = args.includes('--keep-env');
const SERVER_ENV: NodeJS.ProcessEnv = { ...process.env };
if (!KEEP_ENV) delete SERVER_ENV.NODE_EXTRA_CA_CERTS;

// What VS Code's language client (vscode-languageclient 9) declares for the requests measured here:
// among them, at most 5,000 folds (VS Code's editor.foldingMaximumRegions) on whole lines.
const CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  workspace: { configuration: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { versionSupport: true },
    foldingRange: { rangeLimit: 5000, lineFoldingOnly: true },
    semanticTokens: { requests: { full: { delta: true }, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
  },
};

/** The client's time spent decoding messages from the servers (bytes to string, then JSON.parse), in ms. */
let clientDecodeMs = 0;

/** vscode-jsonrpc's JSON decoder on Node.js, timed into clientDecodeMs. */
const TIMED_JSON_DECODER = {
  name: 'application/json',
  decode(buffer: Uint8Array, options: { charset: string }): Promise<Message> {
    const start = performance.now();
    try {
      const text = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString(options.charset as BufferEncoding);
      return Promise.resolve(JSON.parse(text) as Message);
    } catch (error) {
      return Promise.reject(error);
    } finally {
      clientDecodeMs += performance.now() - start;
    }
  },
};

class Session {
  private readonly waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private peakRss = 0;
  private readonly rssTimer: NodeJS.Timeout;
  /** What the server declared in its `initialize` result. */
  capabilities: ServerCapabilities = {};

  private constructor(
    readonly spec: ServerSpec,
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('telemetry/event', () => undefined);
    this.rssTimer = setInterval(() => this.sampleRss(), 50);
  }

  static async start(spec: ServerSpec): Promise<{ session: Session; initializeMs: number }> {
    const t0 = performance.now();
    const ipc = spec.command.includes('--node-ipc');
    const child = spawn(spec.command[0], [...NODE_ARGS, ...spec.command.slice(1)], {
      stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : 'pipe',
      env: SERVER_ENV,
    }) as ChildProcessWithoutNullStreams;
    child.stderr.resume();
    if (ipc) child.stdout.resume();
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout, { charset: 'utf-8', contentTypeDecoder: TIMED_JSON_DECODER }), new StreamMessageWriter(child.stdin));
    const session = new Session(spec, child, connection);
    connection.listen();
    const result = await connection.sendRequest<{ capabilities?: ServerCapabilities }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: CAPABILITIES,
      workspaceFolders: null,
    });
    const initializeMs = performance.now() - t0;
    session.capabilities = result.capabilities ?? {};
    await connection.sendNotification('initialized', {});
    return { session, initializeMs };
  }

  private sampleRss(): void {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) this.peakRss = Math.max(this.peakRss, Number(hwm[1]) * 1024);
    } catch {
      // The process is gone.
    }
  }

  /** The server's resident memory now (VmRSS), in MiB; 0 where there is no /proc. */
  get currentRssMiB(): number {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
      return rss ? Number(rss[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  }

  get peakRssMiB(): number {
    this.sampleRss();
    return this.peakRss / 1024 / 1024;
  }

  /** Diagnostics for `uri` that satisfy `accept` (registered before the triggering message is sent). */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 120_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.rssTimer);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // ignore
    }
    setTimeout(() => this.process.kill('SIGKILL'), 1000).unref();
    this.connection.dispose();
  }
}

/** Accepts diagnostics for exactly `version`; for a server that does not send versions, the first after the change. */
function forVersion(version: number): (p: PublishDiagnosticsParams) => boolean {
  return (p) => p.version === undefined || p.version === version;
}

interface Figures {
  [metric: string]: number[];
}

/** Offsets to line/character positions, through a table of line starts. */
class Positions {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  at(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  /** `count` occurrences of `needle` spread evenly through the text (the first at or after each mark). */
  spread(needle: string, count: number): { line: number; character: number }[] {
    const out: { line: number; character: number }[] = [];
    for (let i = 0; i < count; i++) {
      const mark = Math.floor((this.text.length * (i + 0.5)) / count);
      let offset = this.text.indexOf(needle, mark);
      if (offset < 0) offset = this.text.lastIndexOf(needle);
      if (offset < 0) throw new Error(`benchmark text has no ${needle}`);
      out.push(this.at(offset));
    }
    return out;
  }
}

function contentOf(hover: unknown): string {
  const contents = (hover as { contents?: unknown } | null)?.contents;
  if (!contents) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : (c as { value: string }).value)).join('\n');
  return (contents as { value: string }).value ?? '';
}

/** The benchmark's own garbage, collected between measured steps. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * What the server's threads did, from Linux's scheduler statistics, in ms since they started: how long
 * its main thread was ready to run but waited for a core, and how long its other threads (V8's
 * helpers) ran. Undefined where there is no /proc.
 */
function threadTimes(pid: number): { mainWaited: number; helpersRan: number } | undefined {
  let mainWaited: number | undefined;
  let helpersRan = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [ran, waited] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        if (Number(tid) === pid) mainWaited = waited / 1e6;
        else helpersRan += ran / 1e6;
      } catch {
        // The thread ended while we looked.
      }
    }
  } catch {
    return undefined;
  }
  return mainWaited === undefined ? undefined : { mainWaited, helpersRan };
}

/** The server process `timed` reads thread times of (--threads); set at the start of each round. */
let timedServer: number | undefined;

/**
 * Times `run` into each of `metrics` (a sample may count in several rows). With --threads, the server's
 * thread times are read before and after, outside the timed span, into `#waited <metric>` and
 * `#helpers <metric>`.
 */
async function timed<T>(figures: Figures, metrics: string | string[], run: () => Promise<T>): Promise<T> {
  collectGarbage();
  const before = THREADS && timedServer !== undefined ? threadTimes(timedServer) : undefined;
  const decodedBefore = clientDecodeMs;
  const t = performance.now();
  const result = await run();
  const elapsed = performance.now() - t;
  const decoded = clientDecodeMs - decodedBefore;
  const after = before && threadTimes(timedServer!);
  for (const metric of typeof metrics === 'string' ? [metrics] : metrics) {
    (figures[metric] ??= []).push(elapsed);
    (figures[`#decode ${metric}`] ??= []).push(decoded);
    if (before && after) {
      (figures[`#waited ${metric}`] ??= []).push(after.mainWaited - before.mainWaited);
      (figures[`#helpers ${metric}`] ??= []).push(after.helpersRan - before.helpersRan);
    }
  }
  return result;
}

/** Like `timed`, but a failing request (say, a method the server lacks) is noted, not fatal. */
async function attempt(spec: ServerSpec, figures: Figures, metrics: string[], run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await timed(figures, metrics, run);
  } catch (error) {
    check(false, `${spec.name}: ${metrics[0]} failed: ${String(error instanceof Error ? error.message : error)}`);
    return undefined;
  }
}

const problems: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok && !problems.includes(what)) problems.push(what);
}

async function round(spec: ServerSpec, lines: number, text: string, figures: Figures, roundIndex: number): Promise<Session> {
  collectGarbage();
  const spawned = performance.now();
  const { session, initializeMs } = await Session.start(spec);
  timedServer = session.process.pid;
  (figures['start → initialize'] ??= []).push(initializeMs);
  const c = session.connection;
  const uri = `file:///bench/${lines}/${roundIndex}/Dockerfile`;
  const opened = session.diagnostics(uri, forVersion(1));
  await timed(figures, 'open → diagnostics', async () => {
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    return opened;
  });
  (figures['start → first diagnostics'] ??= []).push(performance.now() - spawned);
  (figures['#rss open'] ??= []).push(session.currentRssMiB);

  // Where the session types and asks, moving through the file. A keystroke types `x` before a
  // WORKDIR and the next one deletes it, so every request finds the text it expects.
  const positions = new Positions(text);
  const edits = positions.spread('WORKDIR', Math.ceil(STEPS / 2));
  const keywords = positions.spread('HEALTHCHECK', STEPS);
  const mounts = positions.spread('--mount=type=cache', STEPS).map((p) => ({ line: p.line, character: p.character + '--mount=type='.length }));

  const provider = session.capabilities.semanticTokensProvider;
  const deltas = typeof provider?.full === 'object' && provider.full.delta === true;
  let previousTokens: string | undefined;
  let version = 1;
  for (let step = 0; step < STEPS; step++) {
    // Samples of the first step also count on their own: the cold path of a fresh process. Every
    // sample also counts under its step (`@step name`), for --by-step.
    const metric = (name: string): string[] => [name, ...(step === 0 ? [`${name} (first)`] : []), `@${step} ${name}`];

    if (PAUSE_MS > 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const v = ++version;
    const at = edits[Math.floor(step / 2)];
    const edit = step % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' };
    const after = session.diagnostics(uri, forVersion(v));
    const diagnostics = await timed(figures, metric('edit → diagnostics'), async () => {
      await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [edit] });
      return after;
    });
    if (spec === OURS) check(diagnostics.version === v, `${spec.name}: diagnostics without the edit's version`);

    const hover = await attempt(spec, figures, metric('hover'), () => c.sendRequest('textDocument/hover', { textDocument: { uri }, position: keywords[step] }));
    check(/health/i.test(contentOf(hover)), `${spec.name}: hover on HEALTHCHECK says nothing about health checks`);

    const completion = await attempt(spec, figures, metric('completion'), () =>
      c.sendRequest('textDocument/completion', { textDocument: { uri }, position: mounts[step] }),
    );
    const items = Array.isArray(completion) ? completion : ((completion as { items?: unknown[] } | null)?.items ?? []);
    check(items.some((i) => (i as { label: string }).label === 'cache'), `${spec.name}: no 'cache' completion after --mount=type=`);

    const symbols = await attempt(spec, figures, metric('documentSymbol'), () => c.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
    check(Array.isArray(symbols) && symbols.length > 0, `${spec.name}: no document symbols`);
    const folds = await attempt(spec, figures, metric('foldingRange'), () => c.sendRequest('textDocument/foldingRange', { textDocument: { uri } }));
    check(Array.isArray(folds) && folds.length > 0, `${spec.name}: no folding ranges`);
    // The peer needs well over 30 s for semantic tokens at 10,000 lines; it is measured up to 1,000.
    if (lines <= 1_000 || spec === OURS) {
      // Every other step asks as VS Code does once it has a full answer, when the server offers it:
      // for the changes since the previous step's answer, with this step's keystroke in between. One
      // tokens request a step either way, so the session's load is the same.
      if (deltas && step % 2 === 1 && previousTokens !== undefined) {
        const delta = await attempt(spec, figures, ['semanticTokens/full/delta', `@${step} semanticTokens/full/delta`], () =>
          c.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: previousTokens }),
        );
        const edits = (delta as { edits?: unknown[] } | null)?.edits;
        check(Array.isArray(edits) && edits.length > 0, `${spec.name}: a semantic-tokens delta after a keystroke has no edits`);
        previousTokens = (delta as { resultId?: string } | null)?.resultId;
      } else {
        const tokens = await attempt(spec, figures, metric('semanticTokens/full'), () => c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }));
        check(((tokens as { data?: unknown[] } | null)?.data?.length ?? 0) > 0, `${spec.name}: no semantic tokens`);
        previousTokens = (tokens as { resultId?: string } | null)?.resultId;
      }
    }
    (figures[`#rss ${step}`] ??= []).push(session.currentRssMiB);
  }
  return session;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** Per step of the session: the median and the slowest sample of each request over the rounds. */
function printByStep(spec: ServerSpec, figures: Figures): void {
  const kinds = ['edit → diagnostics', 'hover', 'completion', 'documentSymbol', 'foldingRange', 'semanticTokens/full', 'semanticTokens/full/delta'];
  const shown = kinds.filter((kind) => Object.keys(figures).some((m) => m.endsWith(` ${kind}`) && m.startsWith('@')));
  console.log(`\n${spec.name} by step: p50 / slowest in ms over the rounds`);
  // The server's resident memory after each step (median / largest over the rounds, MiB): where in
  // a session the memory grows, which the peak alone does not say.
  const rss = (key: string) => (figures[key]?.length ? `${percentile(figures[key], 50).toFixed(0)} / ${Math.max(...figures[key]).toFixed(0)}` : '—');
  const rows = [['step', ...shown, 'RSS MiB']];
  rows.push(['open', ...shown.map(() => ''), rss('#rss open')]);
  for (let step = 0; step < STEPS; step++) {
    rows.push([String(step), ...shown.map((kind) => {
      const values = figures[`@${step} ${kind}`];
      return values?.length ? `${ms(percentile(values, 50))} / ${ms(Math.max(...values))}` : '—';
    }), rss(`#rss ${step}`)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

/** Per request: how long the client spent decoding what arrived during it (not over --ipc). */
function printDecoding(figures: Map<ServerSpec, Figures>, metrics: string[]): void {
  if (IPC && SERVERS.length === 1) return;
  const header = ['metric', ...SERVERS.map((s) => `${s.name} p50 / p95`)];
  const rows = metrics
    .filter((metric) => SERVERS.some((s) => figures.get(s)![`#decode ${metric}`]?.length))
    .map((metric) => [
      metric,
      ...SERVERS.map((s) => {
        const values = figures.get(s)![`#decode ${metric}`];
        if (!values?.length || (IPC && s === OURS)) return '—';
        return `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;
      }),
    ]);
  console.log("\nof which the client decoding the messages (UTF-8 and JSON.parse), in ms");
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** Per request: the server's main thread waiting for a core, and its helper threads running (--threads). */
function printThreads(spec: ServerSpec, figures: Figures, metrics: string[]): void {
  const cell = (values: number[] | undefined) =>
    values?.length ? `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))} / ${ms(values.reduce((a, b) => a + b, 0))}` : '—';
  const rows = [['metric', 'main thread waited p50 / p95 / total', 'helper threads ran p50 / p95 / total']];
  for (const metric of metrics) {
    if (figures[`#waited ${metric}`]) rows.push([metric, cell(figures[`#waited ${metric}`]), cell(figures[`#helpers ${metric}`])]);
  }
  if (rows.length === 1) {
    console.log(`\n${spec.name}: no thread times (they come from Linux's /proc)`);
    return;
  }
  console.log(`\n${spec.name}: the server's threads during each request, in ms`);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** The median wall time of `node -e 0` in `env`, over 11 runs. */
function nodeStartMs(env: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[5];
}

/** Which code cache our server starts from under the benchmark's flags, as its loader reports it. */
function codeCacheVerdict(): string {
  const run = spawnSync(process.execPath, [...NODE_ARGS, path.join(ROOT, 'dist/server.js'), '--version'], {
    env: { ...SERVER_ENV, DOCKERFILE_LSP_CODE_CACHE_REPORT: '1' },
    encoding: 'utf8',
  });
  const verdict = /code cache (.*)/.exec(run.stderr)?.[1] ?? 'not reported';
  return verdict.endsWith(': accepted') ? `Ours starts from its code cache (${verdict}).` : `WARNING: ours does not start from a code cache the build wrote (${verdict}); its start-up figures include compiling the bundle.`;
}

async function main(): Promise<void> {
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`dockerfile-lsp LSP benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds of ${STEPS} steps`);
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${load()} before`);
  if (!process.execArgv.includes('--single-threaded-gc')) {
    console.log("This client's collections may go on in V8's helper threads during timed requests (run it through scripts/bench.mjs).");
  }
  if (IPC) console.log('Ours is spoken to over Node IPC (--ipc), the peer over stdio.');
  const semiSpace = SEMI_SPACE ? ` and --max-semi-space-size=${SEMI_SPACE}` : " and V8's default young generation";
  const asOurs = POOL_SIZE === 1 && SEMI_SPACE === 4 ? ', as our VS Code client starts ours (--pool-size=N and --semi-space=N change them; 0: V8 default)' : '';
  console.log(`The servers run with --v8-pool-size=${POOL_SIZE}${semiSpace}${asOurs}.`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const bare = (env: NodeJS.ProcessEnv) => nodeStartMs(env).toFixed(0);
    const without = { ...process.env };
    delete without.NODE_EXTRA_CA_CERTS;
    console.log(
      `NODE_EXTRA_CA_CERTS is set here: Node.js alone starts and exits in ${bare(process.env)} ms with it, ${bare(without)} ms without (p50). ` +
        `The servers start ${KEEP_ENV ? 'with it (--keep-env)' : 'without it (--keep-env keeps it)'}.`,
    );
  }
  // Our start-up is measured from its code cache only if V8 takes it under these flags: on 2026-12-01 it
  // rejected it for a day unseen (docs/performance.md, "The code cache under the extension's flags").
  console.log(codeCacheVerdict());
  for (const lines of SIZES) {
    const text = generateDockerfile(lines, { errors: true });
    const figures = new Map<ServerSpec, Figures>(SERVERS.map((s) => [s, {}]));
    const rss = new Map<ServerSpec, number>();
    const rounds = lines >= 50_000 ? Math.max(3, Math.floor(ROUNDS / 3)) : ROUNDS;
    for (let r = 0; r < rounds; r++) {
      for (const spec of r % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
        try {
          const session = await round(spec, lines, text, figures.get(spec)!, r);
          rss.set(spec, Math.max(rss.get(spec) ?? 0, session.peakRssMiB));
          await session.stop();
        } catch (error) {
          check(false, `${spec.name} at ${lines} lines: ${String(error instanceof Error ? error.message : error)}`);
        }
      }
    }
    console.log(`\n${lines.toLocaleString('en')} lines (${(text.length / 1024).toFixed(0)} KB), ${rounds} rounds of ${STEPS} steps: p50 / p95 in ms (n samples); load average ${load()}`);
    // Every sample first; then the first request of each kind after the open, on its own.
    const names = [...new Set(SERVERS.flatMap((s) => Object.keys(figures.get(s)!)))].filter((m) => !m.startsWith('@') && !m.startsWith('#'));
    const metrics = [...names.filter((m) => !m.endsWith('(first)')), ...names.filter((m) => m.endsWith('(first)'))];
    const header = ['metric', ...SERVERS.map((s) => `${s.name} p50 / p95 (n)`), ...(SERVERS.length > 1 ? ['ours/peer p95'] : [])];
    const rows = metrics.map((metric) => {
      const cells = SERVERS.map((s) => {
        const values = figures.get(s)![metric];
        return values?.length ? `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))} (${values.length})` : '—';
      });
      let ratio = '';
      if (SERVERS.length > 1) {
        const ours = figures.get(OURS)![metric];
        const peer = figures.get(PEER)![metric];
        ratio = ours?.length && peer?.length ? (percentile(ours, 95) / percentile(peer, 95)).toFixed(3) : '—';
      }
      return [metric, ...cells, ...(SERVERS.length > 1 ? [ratio] : [])];
    });
    rows.push(['peak RSS (MiB)', ...SERVERS.map((s) => (rss.get(s) ?? 0).toFixed(0)), ...(SERVERS.length > 1 ? [((rss.get(OURS) ?? 0) / (rss.get(PEER) ?? 1)).toFixed(2)] : [])]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    printDecoding(figures, metrics);
    if (THREADS) for (const spec of SERVERS) printThreads(spec, figures.get(spec)!, metrics);
    if (BY_STEP) for (const spec of SERVERS) printByStep(spec, figures.get(spec)!);
  }
  console.log(`\nload average ${load()} after`);
  if (problems.length) {
    console.log('\nAnswer checks that failed:');
    for (const p of problems) console.log(`  - ${p}`);
  } else {
    console.log('\nAll answer checks passed (hovers, completions, symbols, versioned diagnostics).');
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
