// The LSP server: negotiates capabilities, keeps the open documents, reads settings, schedules
// diagnostics and lets each feature (server/features/*) register its handlers. No language
// knowledge lives here.

import type {
  CancellationToken,
  Connection,
  InitializeParams,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  ServerCapabilities,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type AnalyzedDocument } from './languageService';
import { DOCKERIGNORE_GLOBS, DockerignoreCache, filePath, mayApplyTo, readDockerignore, type IgnoreSource } from './server/dockerignore';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes, LSPErrorCodes, PublishDiagnosticsNotification, ResponseError, TextDocuments, TextDocumentSyncKind } from './server/lsp';
import { prepared } from './server/preparedJson';
import { DockerfileDocument } from './server/documents';
import { diagnosticsFit } from './server/diagnosticsFit';
import { LIFECYCLE_ERROR, lifecycleError, type LifecycleErrorReport } from './server/lifecycle';
import { INVALID_PARAMS, type InvalidParamsReport } from './server/params';
import { listed, prefersMarkdown, type ClientSupport, type ServerContext } from './server/feature';
import { FEATURES } from './server/features';
import { convertResult, negotiateEncoding, toUtf16, type Encoding } from './server/positionEncoding';
import { unknownRuleName } from './services/ruleNames';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from './settings';
import { VERSION } from './version';

const SETTINGS_SECTION = 'dockerfile-lsp';
/** How long the server waits for the client's settings before it goes on without them. */
const CONFIGURATION_TIMEOUT_MS = 3000;

/**
 * Our settings in what a client sends (initializationOptions, didChangeConfiguration): under the
 * `dockerfile-lsp` key, under `settings`, or the object itself. Undefined when nothing is sent.
 */
function settingsSection(sent: unknown): unknown {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return undefined;
  const options = sent as Record<string, unknown>;
  return options[SETTINGS_SECTION] ?? options.settings ?? options;
}

/** The rule names a settings object gives severities for. */
function ruleNames(given: unknown): string[] {
  const rules = (given as { diagnostics?: { rules?: unknown } } | null | undefined)?.diagnostics?.rules;
  return typeof rules === 'object' && rules !== null && !Array.isArray(rules) ? Object.keys(rules) : [];
}

export interface ServerOptions {
  /** The connection's writer splices PreparedJson results in (server/transport.ts). */
  readonly preparedJson?: boolean;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service = createLanguageService();
  let encoding: Encoding = 'utf-16';
  // Prepared answers need a writer that splices them in, and positions that need no conversion.
  const preparedJson = (): boolean => options.preparedJson === true && encoding === 'utf-16';
  const client: ClientSupport = {
    configuration: false,
    hierarchicalSymbols: false,
    markdown: true,
    completionMarkdown: true,
    snippets: false,
    documentChanges: false,
    diagnosticTags: [],
    codeActionLiterals: false,
    prepareRename: false,
    raw: {},
  };

  const textLines = (text: TextDocument) => (line: number) =>
    text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const lineText = (doc: DockerfileDocument) => textLines(doc.text);

  const documents = new TextDocuments<DockerfileDocument>({
    create: DockerfileDocument.create,
    update: (document, changes, version) => document.update(changes, version, encoding === 'utf-16' ? undefined : changeToUtf16),
  });

  /** A ranged change in the negotiated encoding, in UTF-16 against the text it applies to. */
  function changeToUtf16(text: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
    if (!('range' in change)) return change;
    const lines = textLines(text);
    return { ...change, range: { start: toUtf16(change.range.start, encoding, lines), end: toUtf16(change.range.end, encoding, lines) } };
  }

  // ---- Settings ------------------------------------------------------------------------------

  let globalSettings: Settings = DEFAULT_SETTINGS;
  /** The client registers workspace/didChangeConfiguration when the server asks. */
  let registerConfiguration = false;
  /** The client watches files for the server when asked (the .dockerignore files). */
  let registerWatchers = false;
  /** Settings resolved per document (workspace/configuration is scoped by document URI). */
  const documentSettings = new Map<string, Settings>();
  const pendingSettings = new Map<string, Promise<Settings>>();

  /** Warnings already logged since the settings last changed: each document reads the same ones. */
  const warned = new Set<string>();
  function warnOnce(message: string): void {
    if (warned.has(message)) return;
    warned.add(message);
    connection.console.warn(message);
  }

  function applySettings(given: unknown, from: string, base: Settings = DEFAULT_SETTINGS): Settings {
    const { settings, problems } = mergeSettings(given, base);
    for (const problem of problems) warnOnce(`Ignored setting from ${from}: ${problem}`);
    for (const name of ruleNames(given)) {
      const warning = unknownRuleName(name);
      if (warning) warnOnce(`Setting diagnostics.rules from ${from}: ${warning}`);
    }
    return settings;
  }

  /**
   * The client's answer to a workspace/configuration request, or undefined (the layers below) when it
   * has not answered within CONFIGURATION_TIMEOUT_MS.
   */
  function answered(request: Promise<unknown>, uri: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        warnOnce(`The client did not answer workspace/configuration within ${CONFIGURATION_TIMEOUT_MS / 1000} s (first for ${uri}): using the defaults and initializationOptions until the settings change.`);
        resolve(undefined);
      }, CONFIGURATION_TIMEOUT_MS);
      request.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  function resolveSettings(uri: string): Promise<Settings> {
    if (!client.configuration) return Promise.resolve(globalSettings);
    let pending = pendingSettings.get(uri);
    if (!pending) {
      // A client that declares the request but never answers it must not hold diagnostics and formatting forever.
      pending = answered(connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }), uri)
        // Layered: the defaults, then initializationOptions, then what the editor answers here; an
        // editor with nothing under the section (null) leaves the initializationOptions in force.
        .then((given: unknown) => (given === null || given === undefined ? globalSettings : applySettings(given, 'workspace/configuration', globalSettings)))
        .catch(() => globalSettings)
        .then((settings) => {
          documentSettings.set(uri, settings);
          return settings;
        });
      pendingSettings.set(uri, pending);
    }
    return pending;
  }

  // ---- Analysis: one per document version, shared by every request on that version ----------

  const analyses = new Map<string, AnalyzedDocument>();
  function analyzed(document: DockerfileDocument): AnalyzedDocument {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.tree === document.tree) return cached;
    const doc = service.analyze(document.text, document.tree, cached);
    analyses.set(document.uri, doc);
    return doc;
  }

  // ---- Diagnostics: coalesced, published with the version they describe ---------------------

  const pendingDiagnostics = new Map<string, NodeJS.Immediate>();
  /** Counts content changes, so the scheduler can tell whether a burst of edits is still arriving. */
  let changeStamp = 0;
  /** After shutdown the server sends the client nothing more (LSP 3.17: only exit may follow). */
  let shutDown = false;

  /**
   * Diagnostics run once the document has stopped changing for one turn of the event loop: the
   * JSON-RPC layer hands over one queued message per turn, so during a burst of edits every turn
   * brings a new change and the run waits; a single edit is answered two turns later (micro-
   * seconds, not a fixed debounce). The run then sees, and publishes, the newest version.
   */
  function scheduleDiagnostics(uri: string): void {
    if (shutDown || pendingDiagnostics.has(uri)) return;
    let seen = -1;
    const turn = (): void => {
      if (changeStamp !== seen) {
        seen = changeStamp;
        pendingDiagnostics.set(uri, setImmediate(turn));
        return;
      }
      pendingDiagnostics.delete(uri);
      void publishDiagnostics(uri);
    };
    pendingDiagnostics.set(uri, setImmediate(turn));
  }

  /** The `.dockerignore` open in the editor at `file` (a path), if one is. */
  function openIgnoreFile(file: string): IgnoreSource | undefined {
    for (const document of documents.all()) {
      if (document.kind === 'dockerignore' && filePath(document.uri) === file) return { text: document.text.getText(), uri: document.uri };
    }
    return undefined;
  }

  const dockerignores = new DockerignoreCache(
    (uri) => {
      if (documents.get(uri)) scheduleDiagnostics(uri);
    },
    undefined,
    (uri) => readDockerignore(uri, openIgnoreFile),
  );

  /** An ignore file opened, changed or closed in the editor: the open Dockerfiles it applies to read it again. */
  function ignoreFileChanged(ignoreUri: string): void {
    for (const document of documents.all()) {
      if (document.kind !== 'dockerfile' || !mayApplyTo(ignoreUri, document.uri)) continue;
      dockerignores.forget(document.uri);
      scheduleDiagnostics(document.uri);
    }
  }

  const fitDiagnostics = diagnosticsFit(() => {
    const publish = client.raw.textDocument?.publishDiagnostics;
    return { tags: client.diagnosticTags, codeDescription: publish?.codeDescriptionSupport === true, relatedInformation: publish?.relatedInformation === true };
  });

  async function publishDiagnostics(uri: string): Promise<void> {
    const kind = documents.get(uri)?.kind;
    if (kind === 'other') return;
    const settings = await resolveSettings(uri);
    const dockerignore = settings.diagnostics.enable && kind === 'dockerfile' ? await dockerignores.get(uri) : undefined;
    const document = documents.get(uri);
    // A run that was waiting for settings or a .dockerignore when shutdown came ends here.
    if (!document || shutDown) return;
    try {
      if (document.kind === 'dockerignore') {
        const diagnostics = convertResult(service.getIgnoreFileDiagnostics(document.text, settings), encoding, lineText(document));
        await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
        return;
      }
      const doc = analyzed(document);
      const onRuleError = (code: string, error: unknown): void =>
        connection.console.error(`Rule ${code} failed on ${uri}: ${String(error instanceof Error ? error.stack : error)}`);
      const found = service.getDiagnostics(doc, settings, { dockerignore: dockerignore?.text, dockerignoreUri: dockerignore?.uri, onRuleError });
      const diagnostics = convertResult(fitDiagnostics(found), encoding, lineText(document));
      if (preparedJson()) {
        // The diagnostics of unchanged stages are the same objects again, and keep their JSON (server/preparedJson.ts).
        const params = service.diagnosticsJson(diagnostics, [`{"uri":${JSON.stringify(uri)},"version":${JSON.stringify(document.version)},"diagnostics":`]);
        params.push('}');
        await connection.sendNotification(PublishDiagnosticsNotification.type, prepared<PublishDiagnosticsParams>(params));
      } else {
        await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
      }
    } catch (error) {
      connection.console.error(`Diagnostics failed for ${uri}: ${String(error instanceof Error ? error.stack : error)}`);
    }
  }

  // ---- The context features work with --------------------------------------------------------

  /** A feature's answer on an open document, in the client's encoding; an exception becomes an InternalError response. */
  function answer<R>(document: DockerfileDocument, feature: () => R): R | ResponseError<void> {
    try {
      return convertResult(feature(), encoding, lineText(document));
    } catch (error) {
      connection.console.error(`Request failed for ${document.uri}: ${String(error instanceof Error ? error.stack : error)}`);
      return new ResponseError(ErrorCodes.InternalError, `dockerfile-lsp failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const context: ServerContext = {
    connection,
    documents,
    client,
    encoding: () => encoding,
    onDocument<R>(uri: string, token: CancellationToken, feature: (doc: AnalyzedDocument, settings: Settings) => R) {
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      const document = documents.get(uri);
      // Dockerfile features answer nothing on an ignore file (onIgnoreFile serves those that know one).
      if (!document || document.kind !== 'dockerfile') return null;
      return answer(document, () => feature(analyzed(document), context.settings(uri)));
    },
    onIgnoreFile<R>(uri: string, token: CancellationToken, feature: (text: TextDocument, settings: Settings) => R) {
      const document = documents.get(uri);
      if (document?.kind !== 'dockerignore') return undefined;
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      return answer(document, () => feature(document.text, context.settings(uri)));
    },
    preparedJson,
    toServerPosition(uri: string, position: Position): Position {
      const document = documents.get(uri);
      return document && encoding !== 'utf-16' ? toUtf16(position, encoding, lineText(document)) : position;
    },
    settings: (uri) => documentSettings.get(uri) ?? globalSettings,
    settingsReady: async (uri) => {
      if (documents.get(uri)) await resolveSettings(uri);
    },
    dockerignore: (uri) => dockerignores.peek(uri)?.text,
    refreshDiagnostics() {
      for (const document of documents.all()) scheduleDiagnostics(document.uri);
    },
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    encoding = negotiateEncoding(listed(caps.general?.positionEncodings));
    client.raw = caps;
    client.configuration = caps.workspace?.configuration === true;
    client.hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    client.snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    client.diagnosticTags = listed(caps.textDocument?.publishDiagnostics?.tagSupport?.valueSet) ?? [];
    client.codeActionLiterals = caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    client.prepareRename = caps.textDocument?.rename?.prepareSupport === true;
    const hoverFormats = listed(caps.textDocument?.hover?.contentFormat);
    client.markdown = prefersMarkdown(hoverFormats);
    const completionFormats = listed(caps.textDocument?.completion?.completionItem?.documentationFormat);
    // A client that lists no formats for completion documentation gets the hover's: eglot lists them
    // for hover and signature help only, plain text alone where Emacs has no Markdown mode.
    client.completionMarkdown = completionFormats ? prefersMarkdown(completionFormats) : client.markdown;
    const initial = settingsSection(params.initializationOptions);
    if (initial !== undefined) globalSettings = applySettings(initial, 'initializationOptions');
    registerWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    let capabilities: ServerCapabilities = {
      positionEncoding: encoding,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
    for (const feature of FEATURES) capabilities = { ...capabilities, ...feature.capabilities(client) };
    return { capabilities, serverInfo: { name: 'dockerfile-lsp', version: VERSION } };
  });

  connection.onShutdown(() => {
    shutDown = true;
    for (const pending of pendingDiagnostics.values()) clearImmediate(pending);
    pendingDiagnostics.clear();
  });

  connection.onInitialized(() => {
    // Tells the client which section to report changes of. A client that cannot register is left
    // to send the notification on its own (the VS Code extension no longer does, so that each
    // change arrives once).
    if (registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    // Without watchers, a changed .dockerignore shows at the first diagnostics run a second after
    // it was read (server/dockerignore.ts).
    if (registerWatchers) {
      const watchers = DOCKERIGNORE_GLOBS.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
  });

  // A .dockerignore created, changed or deleted: the open Dockerfiles it may apply to read it again
  // before their diagnostics run, so they publish once, with the new text.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const document of documents.all()) {
      if (!changes.some((change) => mayApplyTo(change.uri, document.uri))) continue;
      dockerignores.forget(document.uri);
      scheduleDiagnostics(document.uri);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    warned.clear();
    if (client.configuration) {
      // The notification only says that something changed: each document pulls its settings again.
      pendingSettings.clear();
    } else {
      // A client that cannot be asked sends the settings: they change what they name, over the
      // layers in force; no settings change nothing.
      const given = settingsSection(change.settings);
      if (given === undefined) return;
      globalSettings = applySettings(given, 'workspace/didChangeConfiguration', globalSettings);
    }
    const resolved: Promise<Settings>[] = [];
    for (const document of documents.all()) {
      resolved.push(resolveSettings(document.uri));
      scheduleDiagnostics(document.uri);
    }
    // Features whose answers depend on settings (inlay hints, code lenses) ask the client to re-request.
    void Promise.all(resolved).then(() => {
      for (const feature of FEATURES) feature.settingsChanged?.(context);
    });
  });

  documents.onDidOpen((event) => {
    void resolveSettings(event.document.uri);
    scheduleDiagnostics(event.document.uri);
    if (event.document.kind === 'dockerignore') ignoreFileChanged(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    changeStamp++;
    scheduleDiagnostics(event.document.uri);
    if (event.document.kind === 'dockerignore') ignoreFileChanged(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    documentSettings.delete(uri);
    pendingSettings.delete(uri);
    analyses.delete(uri);
    dockerignores.forget(uri);
    const pending = pendingDiagnostics.get(uri);
    if (pending) clearImmediate(pending);
    pendingDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (event.document.kind === 'dockerignore') ignoreFileChanged(uri);
  });

  for (const feature of FEATURES) feature.register(context);

  // Requests out of the session's turn, renamed by the message strategy of server/lifecycle.ts.
  connection.onRequest(LIFECYCLE_ERROR, (report: LifecycleErrorReport) => lifecycleError(report));

  // Requests whose parameters the server cannot read, renamed by the message strategy of server/params.ts.
  connection.onRequest(INVALID_PARAMS, (report: InvalidParamsReport) => new ResponseError(ErrorCodes.InvalidParams, `${report.method}: ${report.problem}`));

  // Diagnostic endpoint for tests and benchmarks: heap use after a collection (when the process
  // runs with --expose-gc) and the number of open documents.
  connection.onRequest('dockerfile-lsp/memoryUsage', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return { ...process.memoryUsage(), documents: documents.keys().length };
  });

  documents.listen(connection);
  connection.listen();
}
