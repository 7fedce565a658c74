// COPY only copies from the build context or a stage; a URL or a Git repository needs ADD.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { fixesFromData, hasVariable, instructionUrl, withFixes } from './common';
import { remoteSource } from './remoteSource';

export const copyUrlSource: InstructionRule = {
  code: 'copy-url-source',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit refuses the source when it converts the stage (dispatchCopy), not when it reads the file.
  raisedWhen: 'dispatch',
  description: 'COPY with a URL or Git source, which only ADD can fetch.',
  url: instructionUrl('ADD'),
  check(node, report) {
    if (node.name !== 'COPY' || node.argList.length < 2) return;
    const sources = node.argList.slice(0, -1);
    // --from and --parents exist only on COPY, so switching to ADD is no fix there; nor is it with
    // another source from the context, which ADD would unpack if it is a tar archive.
    const addable =
      !node.flags.some((f) => f.name.text === 'from' || f.name.text === 'parents') &&
      !node.heredocs.length &&
      sources.every((s) => !hasVariable(s.text) && remoteSource(s.text) !== undefined);
    for (const source of sources) {
      if (hasVariable(source.text)) continue;
      const kind = remoteSource(source.text);
      if (!kind) continue;
      const what = kind === 'url' ? 'a URL' : 'a Git repository';
      report({
        start: source.start,
        end: source.end,
        message: `COPY cannot fetch ${what}; it copies from the build context or another stage. Use ADD for ${what}, or download it in a RUN step.`,
        data: withFixes(
          addable ? { title: 'Change COPY to ADD', newText: node.keyword.text === 'copy' ? 'add' : 'ADD', offset: node.keyword.start - source.start, length: node.keyword.end - node.keyword.start } : undefined,
        ),
      });
    }
  },
  fixes: fixesFromData,
};
