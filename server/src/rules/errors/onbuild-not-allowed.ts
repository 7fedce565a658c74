// ONBUILD triggers run in the image built FROM this one, so a trigger cannot start a stage
// (FROM), register another trigger (ONBUILD) or set the deprecated MAINTAINER.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getInstruction } from '../../facts';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

const WHY: Readonly<Record<string, string>> = {
  ONBUILD: 'ONBUILD ONBUILD is not allowed: a trigger cannot register another trigger.',
  FROM: 'FROM cannot be an ONBUILD trigger: the image that uses this one already has its own FROM.',
  MAINTAINER: 'MAINTAINER cannot be an ONBUILD trigger; use LABEL org.opencontainers.image.authors="..." instead.',
};

export const onbuildNotAllowed: InstructionRule = {
  code: 'onbuild-not-allowed',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An ONBUILD trigger that is ONBUILD, FROM or MAINTAINER.',
  url: instructionUrl('ONBUILD'),
  check(node, report) {
    const trigger = node.name === 'ONBUILD' ? node.trigger : undefined;
    const fact = trigger && getInstruction(trigger.name);
    if (!trigger || !fact || fact.allowedInOnbuild) return;
    report({ start: trigger.keyword.start, end: trigger.keyword.end, message: WHY[fact.name] ?? `${fact.name} cannot be an ONBUILD trigger.` });
  },
};
