// The parameters of the requests the server answers, checked before any handler sees them. A
// request whose parameters are not what the protocol says (a position that is not two unsigned
// integers, a missing text document, a rename without a new name) is answered with InvalidParams
// and a message naming the field, instead of a handler failing on it with an InternalError, or
// clamping a negative line to a real one and answering for a place nobody asked about.
//
// The check runs as the connection's message strategy: a request that fails it is handed on under
// the method INVALID_PARAMS (same id, so the answer goes to the request the client sent), whose one
// handler answers the error. Fields the server does not read are not checked.

import type { Message, MessageStrategy, RequestMessage } from 'vscode-languageserver/node';

/** The method a request with invalid parameters is dispatched under; its params are InvalidParamsReport. */
export const INVALID_PARAMS = 'dockerfile-lsp/invalidParams';

export interface InvalidParamsReport {
  readonly method: string;
  readonly problem: string;
}

/** A check of one value: undefined when it is fine, else what is wrong (`path` names the value). */
type Check = (value: unknown, path: string) => string | undefined;

const MAX_UINTEGER = 2 ** 31 - 1;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const uinteger: Check = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_UINTEGER ? undefined : `${path} must be an unsigned integer, not ${JSON.stringify(value)}`;

const string: Check = (value, path) => (typeof value === 'string' ? undefined : `${path} must be a string`);

const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path} must be a boolean`);

/** An object with these fields (a field that may be missing is `nullable`). */
function object(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isObject(value)) return `${path} must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return value[key] === undefined ? `${path}.${key} is missing` : problem;
    }
    return undefined;
  };
}

function array(element: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = element(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** A value that may also be missing or null. */
function nullable(check: Check): Check {
  return (value, path) => (value === undefined || value === null ? undefined : check(value, path));
}

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocument = object({ uri: string });
const atPosition = { textDocument, position };
const documentOnly = object({ textDocument });
const rangeRequest = object({ textDocument, range });

/** The requests the server answers, with what their handlers read. */
const REQUESTS: Readonly<Record<string, Check>> = {
  // The session starts only with capabilities to read (an empty object declares none).
  initialize: object({ capabilities: object({}) }),
  'textDocument/hover': object(atPosition),
  'textDocument/completion': object({ ...atPosition, context: nullable(object({ triggerKind: uinteger, triggerCharacter: nullable(string) })) }),
  'completionItem/resolve': object({ label: string }),
  'textDocument/signatureHelp': object({ ...atPosition, context: nullable(object({ triggerKind: uinteger })) }),
  'textDocument/definition': object(atPosition),
  'textDocument/references': object({ ...atPosition, context: nullable(object({ includeDeclaration: boolean })) }),
  'textDocument/documentHighlight': object(atPosition),
  'textDocument/prepareRename': object(atPosition),
  'textDocument/rename': object({ ...atPosition, newName: string }),
  'textDocument/documentSymbol': documentOnly,
  'textDocument/codeLens': documentOnly,
  'textDocument/documentLink': documentOnly,
  'textDocument/foldingRange': documentOnly,
  'textDocument/semanticTokens/full': documentOnly,
  'textDocument/semanticTokens/full/delta': object({ textDocument, previousResultId: string }),
  'textDocument/semanticTokens/range': rangeRequest,
  'textDocument/inlayHint': rangeRequest,
  'textDocument/selectionRange': object({ textDocument, positions: array(position) }),
  // Formatting options are the editor's preferences: the formatter falls back on the settings for what they lack.
  'textDocument/formatting': documentOnly,
  'textDocument/rangeFormatting': rangeRequest,
  'textDocument/onTypeFormatting': object({ ...atPosition, ch: string }),
  'textDocument/codeAction': object({
    textDocument,
    range,
    context: object({ diagnostics: array(object({ range })), only: nullable(array(string)) }),
  }),
  'workspace/symbol': object({ query: string }),
};

/** What is wrong with the parameters of a request, or undefined when the server can read them. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = Object.prototype.hasOwnProperty.call(REQUESTS, method) ? REQUESTS[method] : undefined;
  return check?.(params, 'params');
}

function isRequest(message: Message): message is RequestMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && candidate.id !== undefined && candidate.id !== null;
}

/** The connection's message strategy: requests with parameters the server cannot read go to INVALID_PARAMS. */
export const checkParams: MessageStrategy = {
  handleMessage(message: Message, next: (message: Message) => ReturnType<MessageStrategy['handleMessage']>): ReturnType<MessageStrategy['handleMessage']> {
    if (isRequest(message)) {
      const problem = paramsProblem(message.method, message.params);
      if (problem) {
        const report: InvalidParamsReport = { method: message.method, problem };
        return next({ ...message, method: INVALID_PARAMS, params: report } as RequestMessage);
      }
    }
    return next(message);
  },
};
