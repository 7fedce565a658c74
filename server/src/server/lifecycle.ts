// The LSP session's lifecycle, enforced before any handler sees a message (vscode-languageserver
// answers whatever arrives, whenever). LSP 3.17, "initialize": a request before initialize is
// answered with ServerNotInitialized (-32002) and notifications are dropped, except exit;
// initialize may be sent only once. "shutdown": after it a client sends nothing but exit, and
// requests that still come are answered with InvalidRequest.
//
// Like server/params.ts this is a message strategy: a request out of turn is handed on under the
// method LIFECYCLE_ERROR (same id), whose one handler answers the error; a notification out of
// turn is not handed on at all. Responses to the server's own requests always go through.

import { paramsProblem } from './params';
import type { Message, MessageStrategy, NotificationMessage, RequestMessage } from 'vscode-languageserver/node';
import { ErrorCodes, ResponseError } from './lsp';

/** The method a request out of turn is dispatched under; its params are a LifecycleViolation. */
export const LIFECYCLE_ERROR = 'dockerfile-lsp/lifecycleError';

type LifecycleViolation = 'notInitialized' | 'initializedTwice' | 'shutDown';

export interface LifecycleErrorReport {
  readonly method: string;
  readonly violation: LifecycleViolation;
}

type State = 'starting' | 'running' | 'shutDown';
type Next = (message: Message) => ReturnType<MessageStrategy['handleMessage']>;

function isRequest(message: Message): message is RequestMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && candidate.id !== undefined && candidate.id !== null;
}

function isNotification(message: Message): message is NotificationMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && (candidate.id === undefined || candidate.id === null);
}

/** What is wrong with receiving this request in this state, if anything. */
function requestViolation(state: State, method: string): LifecycleViolation | undefined {
  if (state === 'shutDown') return 'shutDown';
  if (state === 'starting') return method === 'initialize' ? undefined : 'notInitialized';
  return method === 'initialize' ? 'initializedTwice' : undefined;
}

/**
 * A message strategy that keeps the session's state (one per connection) and hands the messages
 * that are in turn on to `then`.
 */
export function enforceLifecycle(then: MessageStrategy): MessageStrategy {
  let state: State = 'starting';
  return {
    handleMessage(message: Message, next: Next): ReturnType<MessageStrategy['handleMessage']> {
      if (isRequest(message)) {
        const violation = requestViolation(state, message.method);
        if (violation) {
          const report: LifecycleErrorReport = { method: message.method, violation };
          return next({ ...message, method: LIFECYCLE_ERROR, params: report } as RequestMessage);
        }
        // Messages are dispatched one at a time, in order: the next one sees the new state.
        // An initialize whose parameters cannot be read is refused (server/params.ts) and starts nothing: the client may send it again.
        if (message.method === 'initialize') state = paramsProblem('initialize', message.params) ? state : 'running';
        else if (message.method === 'shutdown') state = 'shutDown';
      } else if (isNotification(message) && message.method !== 'exit' && state !== 'running') {
        return undefined;
      }
      return then.handleMessage(message, next);
    },
  };
}

/** The answer to a request out of turn. */
export function lifecycleError(report: LifecycleErrorReport): ResponseError<void> {
  switch (report.violation) {
    case 'notInitialized':
      return new ResponseError(ErrorCodes.ServerNotInitialized, `${report.method}: the server is not initialized yet`);
    case 'initializedTwice':
      return new ResponseError(ErrorCodes.InvalidRequest, 'initialize: the server is already initialized');
    default:
      return new ResponseError(ErrorCodes.InvalidRequest, `${report.method}: the server has been shut down`);
  }
}
