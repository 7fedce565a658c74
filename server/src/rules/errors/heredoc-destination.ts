// In COPY and ADD a heredoc is a source file; the last word, the destination, cannot be one.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

const HEREDOC = /^\d*<<-?\s*[^<\s][^<]*$/;

export const heredocDestination: InstructionRule = {
  code: 'heredoc-destination',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'COPY or ADD whose destination is a heredoc.',
  url: 'https://docs.docker.com/reference/dockerfile/#here-documents',
  check(node, report) {
    if ((node.name !== 'COPY' && node.name !== 'ADD') || node.argList.length < 2) return;
    const dest = node.argList[node.argList.length - 1];
    if (!HEREDOC.test(dest.text)) return;
    report({
      start: dest.start,
      end: dest.end,
      url: instructionUrl(node.name),
      message: `${node.name} cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in ${node.name} <<EOF /etc/app.conf.`,
    });
  },
};
