// What every build-check rule shares: its metadata comes from the facts table (name, docs URL,
// experimental flag), so a check is described in exactly one place.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getBuildCheck } from '../../../facts';
import type { RaisedWhen } from '../../types';

export interface CheckMeta {
  readonly code: string;
  readonly kind: 'check';
  readonly defaultSeverity: DiagnosticSeverity;
  readonly description: string;
  readonly url?: string;
  readonly experimental: boolean;
  /** When BuildKit reports it: 'dispatch' for the checks it runs while converting a stage. */
  readonly raisedWhen: RaisedWhen;
}

/** The metadata of BuildKit's check `name`, read from the facts table. */
export function checkMeta(name: string): CheckMeta {
  const fact = getBuildCheck(name);
  if (!fact) throw new Error(`no build check named ${name} in the facts table`);
  const firstSentence = /^.*?[.!?](?=\s|$)/.exec(fact.doc)?.[0] ?? fact.doc;
  return {
    code: fact.name,
    kind: 'check',
    // BuildKit reports its checks as warnings; `# check=error=true` turns them into errors.
    defaultSeverity: DiagnosticSeverity.Warning,
    description: firstSentence,
    url: fact.url || undefined,
    experimental: fact.experimental,
    // Matters once `error=true` makes it an error: in a stage a plain build does not convert, BuildKit never reports it.
    raisedWhen: fact.atDispatch ? 'dispatch' : 'parse',
  };
}
