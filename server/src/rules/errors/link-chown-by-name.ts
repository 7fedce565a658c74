// COPY or ADD with --link and a --chown that names a user or group instead of giving a numeric id.
// A linked copy is written onto an empty layer that is merged over the stage afterwards, so there is
// no /etc/passwd or /etc/group to look a name up in: BuildKit's frontend still emits the copy
// (dispatchCopy; llb.WithUser keeps anything but an integer or `root` as a name), and the solver
// rejects the owner with "invalid user index: -1". That happens only where the builder links layers
// (it has MergeOp: BuildKit's own daemon, docker-container builders, Docker's containerd image
// store); elsewhere --link is ignored and the name is looked up in the stage. A --chmod turns the
// linked copy off too. Since the same file builds on some builders, a warning.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Flag, InstructionNode } from '../../syntax';
import type { InstructionRule } from '../types';
import { hasVariable, instructionUrl } from './common';
import { parseGoBool, parseGoInt32 } from './goValues';

function lastFlag(node: InstructionNode, name: string): Flag | undefined {
  return node.flags.filter((f) => f.name.text === name).pop();
}

/** Whether `--link` asks for a linked copy: written bare, empty, or with a true Go boolean. */
function linksLayer(flag: Flag | undefined): boolean {
  if (!flag) return false;
  const value = flag.value?.text ?? '';
  return value === '' || parseGoBool(value) === true;
}

/** The user or group of a `user[:group]` owner that BuildKit would look up by name (llb.WithUser). */
function ownerNames(owner: string): string[] {
  // An empty part is no name: BuildKit marshals it as id 0.
  return owner.split(/:(.*)/s, 2).filter((part) => part !== '' && part !== 'root' && parseGoInt32(part) === undefined);
}

export const linkChownByName: InstructionRule = {
  code: 'link-chown-by-name',
  kind: 'error',
  scope: 'instruction',
  // Builders without MergeOp ignore --link and build the step.
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'COPY or ADD --link with --chown naming a user or group, which builders that link layers cannot look up.',
  url: instructionUrl('COPY'),
  check(node, report) {
    const owner = node.name === 'ONBUILD' ? node.trigger : node;
    if (owner?.name !== 'COPY' && owner?.name !== 'ADD') return;
    const chown = lastFlag(owner, 'chown');
    const value = chown?.value?.text;
    if (!chown || !value || hasVariable(value) || !linksLayer(lastFlag(owner, 'link'))) return;
    if (lastFlag(owner, 'chmod')?.value?.text) return;
    const names = ownerNames(value);
    if (names.length === 0) return;
    const what = names.map((name) => `"${name}"`).join(' and ');
    report({
      start: chown.start,
      end: chown.end,
      message:
        `--chown=${value} gives ${what} by name, which a --link copy cannot look up: it is made on an empty layer without /etc/passwd or /etc/group. ` +
        'Builders that link layers (BuildKit, docker-container builders, Docker with the containerd image store) stop with "invalid user index: -1"; others ignore --link. ' +
        'Give numeric ids (--chown=1000:1000) or drop --link.',
    });
  },
};
