// The run-time values this server takes from vscode-languageserver, loaded in this one place (the
// other modules import its types only). Imported the ES way, the bundler would copy the several
// hundred exports of the library into a new object in every importing module, at every start.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the point: the module object itself, not a copy
import lsp = require('vscode-languageserver/node');

export import CodeActionKind = lsp.CodeActionKind;
export import CodeLensRefreshRequest = lsp.CodeLensRefreshRequest;
export import CompletionTriggerKind = lsp.CompletionTriggerKind;
export import createConnection = lsp.createConnection;
export import DidChangeConfigurationNotification = lsp.DidChangeConfigurationNotification;
export import DidChangeWatchedFilesNotification = lsp.DidChangeWatchedFilesNotification;
export import ErrorCodes = lsp.ErrorCodes;
export import LSPErrorCodes = lsp.LSPErrorCodes;
export import PositionEncodingKind = lsp.PositionEncodingKind;
export import ProposedFeatures = lsp.ProposedFeatures;
export import PublishDiagnosticsNotification = lsp.PublishDiagnosticsNotification;
export import ResponseError = lsp.ResponseError;
export import SymbolInformation = lsp.SymbolInformation;
export import TextDocumentEdit = lsp.TextDocumentEdit;
export import TextDocuments = lsp.TextDocuments;
export import TextDocumentSyncKind = lsp.TextDocumentSyncKind;
export import SocketMessageReader = lsp.SocketMessageReader;
export import AbstractMessageWriter = lsp.AbstractMessageWriter;
