// The LSP server: negotiates capabilities, keeps the open documents, reads settings, schedules
// diagnostics and hands each request to the language service. No language knowledge lives here.

import {
  CancellationToken,
  Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ResponseError,
  ServerCapabilities,
  SymbolInformation,
  TextDocumentSyncKind,
  TextDocuments,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { createLanguageService, type AnalyzedDocument } from './languageService';
import { DockerfileDocument } from './server/documents';
import { convertResult, negotiateEncoding, toUtf16, type Encoding } from './server/positionEncoding';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from './settings';
import { VERSION } from './version';

const SETTINGS_SECTION = 'dockerfile-lsp';

interface ClientSupport {
  configuration: boolean;
  hierarchicalSymbols: boolean;
  markdown: boolean;
  snippets: boolean;
  documentChanges: boolean;
}

export function startServer(connection: Connection): void {
  const service = createLanguageService();
  let encoding: Encoding = 'utf-16';
  const client: ClientSupport = { configuration: false, hierarchicalSymbols: false, markdown: true, snippets: false, documentChanges: false };

  const lineText = (doc: DockerfileDocument) => (line: number) =>
    doc.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');

  const documents = new TextDocuments<DockerfileDocument>({
    create: DockerfileDocument.create,
    update: (document, changes, version) => document.update(encoding === 'utf-16' ? changes : changes.map((c) => changeToUtf16(document, c)), version),
  });

  function changeToUtf16(document: DockerfileDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
    if (!('range' in change)) return change;
    const lines = lineText(document);
    return { ...change, range: { start: toUtf16(change.range.start, encoding, lines), end: toUtf16(change.range.end, encoding, lines) } };
  }

  // ---- Settings ------------------------------------------------------------------------------

  let globalSettings: Settings = DEFAULT_SETTINGS;
  const documentSettings = new Map<string, Promise<Settings>>();

  function applySettings(given: unknown, from: string): Settings {
    const { settings, problems } = mergeSettings(given);
    for (const problem of problems) connection.console.warn(`Ignored setting from ${from}: ${problem}`);
    return settings;
  }

  function settingsFor(uri: string): Promise<Settings> {
    if (!client.configuration) return Promise.resolve(globalSettings);
    let settings = documentSettings.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((given: unknown) => applySettings(given, 'workspace/configuration'))
        .catch(() => globalSettings);
      documentSettings.set(uri, settings);
    }
    return settings;
  }

  // ---- Analysis ------------------------------------------------------------------------------

  /** One analysis per document version, shared by every request on that version. */
  const analyses = new Map<string, AnalyzedDocument>();
  function analyzed(document: DockerfileDocument): AnalyzedDocument {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.tree === document.tree) return cached;
    const doc = service.analyze(document.text, document.tree);
    analyses.set(document.uri, doc);
    return doc;
  }

  // ---- Diagnostics: coalesced, published with the version they describe ---------------------

  const pendingDiagnostics = new Map<string, NodeJS.Immediate>();
  function scheduleDiagnostics(uri: string): void {
    if (pendingDiagnostics.has(uri)) return; // the pending run will see the newest version
    pendingDiagnostics.set(
      uri,
      setImmediate(() => {
        pendingDiagnostics.delete(uri);
        void publishDiagnostics(uri);
      }),
    );
  }

  async function publishDiagnostics(uri: string): Promise<void> {
    const settings = await settingsFor(uri);
    const document = documents.get(uri);
    if (!document) return;
    try {
      const doc = analyzed(document);
      const diagnostics = convertResult(service.getDiagnostics(doc, settings), encoding, lineText(document));
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      connection.console.error(`Diagnostics failed for ${uri}: ${String(error instanceof Error ? error.stack : error)}`);
    }
  }

  // ---- Requests ------------------------------------------------------------------------------

  /**
   * Runs a feature on the current version of a document. Unknown documents answer null;
   * cancelled requests answer RequestCancelled; a failing feature answers an error instead of
   * taking the server down.
   */
  function onDocument<R>(uri: string, token: CancellationToken, feature: (doc: AnalyzedDocument, settings: Settings) => R): R | null | ResponseError<void> {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    const document = documents.get(uri);
    if (!document) return null;
    try {
      return convertResult(feature(analyzed(document), lastKnownSettings.get(uri) ?? globalSettings), encoding, lineText(document));
    } catch (error) {
      connection.console.error(`Request failed for ${uri}: ${String(error instanceof Error ? error.stack : error)}`);
      return new ResponseError(ErrorCodes.InternalError, `dockerfile-lsp failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Settings resolved for a document, kept so that synchronous request handlers can use them. */
  const lastKnownSettings = new Map<string, Settings>();
  function refreshSettings(uri: string): void {
    void settingsFor(uri).then((settings) => lastKnownSettings.set(uri, settings));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    encoding = negotiateEncoding(caps.general?.positionEncodings);
    client.configuration = caps.workspace?.configuration === true;
    client.hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    client.snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    const hoverFormats = caps.textDocument?.hover?.contentFormat;
    client.markdown = !hoverFormats || hoverFormats.includes('markdown');
    if (params.initializationOptions && typeof params.initializationOptions === 'object') {
      const options = params.initializationOptions as Record<string, unknown>;
      const given = options[SETTINGS_SECTION] ?? options.settings ?? options;
      globalSettings = applySettings(given, 'initializationOptions');
    }
    const capabilities: ServerCapabilities = {
      positionEncoding: encoding,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
    };
    return { capabilities, serverInfo: { name: 'dockerfile-lsp', version: VERSION } };
  });

  connection.onInitialized(() => {
    if (client.configuration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (client.configuration) {
      documentSettings.clear();
    } else {
      const all = (change.settings ?? {}) as Record<string, unknown>;
      globalSettings = applySettings(all[SETTINGS_SECTION] ?? {}, 'workspace/didChangeConfiguration');
    }
    for (const document of documents.all()) {
      refreshSettings(document.uri);
      scheduleDiagnostics(document.uri);
    }
  });

  documents.onDidOpen((event) => {
    refreshSettings(event.document.uri);
    scheduleDiagnostics(event.document.uri);
  });
  documents.onDidChangeContent((event) => scheduleDiagnostics(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    documentSettings.delete(uri);
    lastKnownSettings.delete(uri);
    analyses.delete(uri);
    const pending = pendingDiagnostics.get(uri);
    if (pending) clearImmediate(pending);
    pendingDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((params, token) =>
    onDocument(params.textDocument.uri, token, (doc) => {
      const symbols = service.getDocumentSymbols(doc);
      if (client.hierarchicalSymbols) return symbols;
      // Clients without hierarchy get a flat list of SymbolInformation.
      const flat: SymbolInformation[] = [];
      const visit = (list: typeof symbols, container?: string): void => {
        for (const s of list) {
          flat.push({ name: s.name, kind: s.kind, location: { uri: doc.uri, range: s.range }, containerName: container });
          if (s.children) visit(s.children, s.name);
        }
      };
      visit(symbols);
      return flat;
    }),
  );

  documents.listen(connection);
  connection.listen();
}
