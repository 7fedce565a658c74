// In COPY and ADD a heredoc is a source file; the last word, the destination, cannot be one. BuildKit
// asks of the destination what it asks of each source (heredocSourceName): a marker whose terminator
// does not lex as one word (`<<a b` in the JSON form, an unclosed quote) is a plain path.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { heredocSourceName } from '../../syntax';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

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
    if (heredocSourceName(dest.text) === undefined) return;
    report({
      start: dest.start,
      end: dest.end,
      url: instructionUrl(node.name),
      message: `${node.name} cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in ${node.name} <<EOF /etc/app.conf.`,
    });
  },
};
