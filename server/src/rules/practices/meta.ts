// What every best-practice rule shares: its metadata. The codes are hadolint's, so that users
// who know hadolint recognise them, and the documentation link is hadolint's wiki page for the
// rule. Severities follow hadolint's, one step milder where hadolint says error: these are
// opinions, and BuildKit builds every file they flag (error and warning become Warning, info
// becomes Information, style becomes Hint). Never Error. One family is rated on purpose: every
// cache left in the image is info, as hadolint rates apt's lists (DL3009), though it says warning
// for yum's, dnf's and zypper's (DL3032, DL3040, DL3036): the image is larger, nothing fails.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { HadolintSeverity as AnyHadolintSeverity } from '../../facts';

export interface PracticeMeta {
  readonly code: string;
  readonly kind: 'practice';
  readonly defaultSeverity: DiagnosticSeverity;
  readonly description: string;
  readonly url: string;
}

/** hadolint's severity names, but for `ignore`: a rule here is on unless configured off. */
export type HadolintSeverity = Exclude<AnyHadolintSeverity, 'ignore'>;

const SEVERITY: Readonly<Record<HadolintSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Warning,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

/** The metadata of the rule hadolint calls `code`, with hadolint's severity mapped to ours. */
export function practiceMeta(code: string, severity: HadolintSeverity, description: string): PracticeMeta {
  return {
    code,
    kind: 'practice',
    defaultSeverity: SEVERITY[severity],
    description,
    url: `https://github.com/hadolint/hadolint/wiki/${code}`,
  };
}
