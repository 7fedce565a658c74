// How an LSP feature plugs into the server: it declares the capabilities it provides and
// registers its handlers. Each feature lives in server/features/<name>.ts and calls the service
// layer; it holds no language knowledge.

import type { CancellationToken, Connection, Position, ResponseError, ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedDocument } from '../services/document';
import type { Settings } from '../settings';
import type { DockerfileDocuments } from './documents';
import type { Encoding } from './positionEncoding';

/**
 * A list the client's capabilities give (kinds, tags, formats, encodings), or undefined when it gives
 * none or something that is not a list: a malformed capability counts as not declared, rather than
 * failing initialize or every request that reads it.
 */
export function listed<T>(value: readonly T[] | undefined | null): readonly T[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/**
 * Whether documentation goes to the client as Markdown, from the formats it lists for it (`undefined`
 * when it lists none: Markdown, which every client of this century renders). The list is in the
 * client's order of preference (LSP: "the order describes the preferred format"), so the first of
 * the two formats in it wins; a list with neither, or an empty one, means plain text.
 */
export function prefersMarkdown(formats: readonly string[] | undefined): boolean {
  if (!formats) return true;
  return formats.find((format) => format === 'markdown' || format === 'plaintext') === 'markdown';
}

/** What the client said it supports, read once at initialize. */
export interface ClientSupport {
  configuration: boolean;
  hierarchicalSymbols: boolean;
  /** Markdown in hover and documentation (else plain text). */
  markdown: boolean;
  completionMarkdown: boolean;
  snippets: boolean;
  documentChanges: boolean;
  /** The diagnostic tags (unnecessary, deprecated) the client lists; others are not sent to it. */
  diagnosticTags: readonly number[];
  codeActionLiterals: boolean;
  prepareRename: boolean;
  /** The raw capabilities, for anything more specific. */
  raw: import('vscode-languageserver/node').ClientCapabilities;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: DockerfileDocuments;
  readonly client: ClientSupport;
  readonly encoding: () => Encoding;
  /**
   * Runs `feature` on the current version of a document and converts the positions in its
   * result to the client's encoding. Unknown documents answer null; cancelled requests answer
   * RequestCancelled; an exception becomes an InternalError response (the server keeps running).
   */
  onDocument<R>(uri: string, token: CancellationToken, feature: (doc: AnalyzedDocument, settings: Settings) => R): R | null | ResponseError<void>;
  /**
   * `onDocument` for a `.dockerignore` (server/documentKind.ts): runs `feature` on its text, or gives
   * undefined when the document is none, so a feature that knows ignore files asks this first.
   */
  onIgnoreFile<R>(uri: string, token: CancellationToken, feature: (text: TextDocument, settings: Settings) => R): R | null | ResponseError<void> | undefined;
  /**
   * Whether a feature may answer with a PreparedJson (server/preparedJson.ts): the writer splices
   * it in, and no position in it needs converting to the client's encoding.
   */
  preparedJson(): boolean;
  /** A position sent by the client, in UTF-16 (what the services use). */
  toServerPosition(uri: string, position: Position): Position;
  /** The settings last resolved for a document. */
  settings(uri: string): Settings;
  /**
   * Resolves once an open document's settings are known: a request that arrives before the first
   * workspace/configuration answer (one sent right after didOpen) would otherwise see the defaults.
   */
  settingsReady(uri: string): Promise<void>;
  /** The `.dockerignore` text the document's diagnostics were last computed with, if any. */
  dockerignore(uri: string): string | undefined;
  /** Asks for diagnostics of every open document to be recomputed and published. */
  refreshDiagnostics(): void;
}

export interface Feature {
  readonly name: string;
  capabilities(client: ClientSupport): ServerCapabilities;
  register(context: ServerContext): void;
  /** Called once new settings are in effect, e.g. to ask the client to refresh what it shows. */
  settingsChanged?(context: ServerContext): void;
}
