// COPY or ADD with --link and a --chown that names a user or group instead of giving a numeric id.
// A linked copy is written onto an empty layer that is merged over the stage afterwards, so there is
// no /etc/passwd or /etc/group to look a name up in: BuildKit's frontend still emits the copy
// (dispatchCopy; llb.WithUser keeps anything but an integer or `root` as a name), and the solver
// rejects the owner with "invalid user index: -1". That happens only where the builder links layers
// (it has MergeOp: BuildKit's own daemon, docker-container builders, Docker's containerd image
// store); elsewhere --link is ignored and the name is looked up in the stage. A --chmod turns the
// linked copy off too. Since the same file builds on some builders, a warning.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Flag } from '../../syntax';
import { quickFix, type OffsetEdit } from '../checks/support/fixes';
import { flagNamed } from '../checks/support/nodes';
import type { InstructionRule } from '../types';
import { hasVariable, instructionUrl } from './common';
import { parseGoInt32 } from './goValues';

/**
 * Whether `--link` asks for a linked copy: bare, empty or `true` in any case, as BuildKit's flag
 * parser reads a boolean flag (any other value stops the build at the flag: invalid-flag-value).
 */
function linksLayer(flag: Flag | undefined): boolean {
  if (!flag) return false;
  const value = flag.value?.text ?? '';
  return value === '' || value.toLowerCase() === 'true';
}

/** Whether BuildKit looks this part of a `user[:group]` owner up by name (llb.WithUser): not an id, `root` or empty (id 0). */
function isName(part: string | undefined): part is string {
  return part !== undefined && part !== '' && part !== 'root' && parseGoInt32(part) === undefined;
}

/** What of a `user[:group]` owner is a name, in words: `user "app"`, `group "staff"`, or both. */
function namedParts(owner: string): string | undefined {
  const colon = owner.indexOf(':');
  const user = colon < 0 ? owner : owner.slice(0, colon);
  const group = colon < 0 ? undefined : owner.slice(colon + 1);
  const parts = [isName(user) ? `user "${user}"` : undefined, isName(group) ? `group "${group}"` : undefined].filter(Boolean);
  return parts.length ? parts.join(' and ') : undefined;
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
    const chown = flagNamed(owner, 'chown');
    const value = chown?.value?.text;
    if (!chown || !value || hasVariable(value) || !linksLayer(flagNamed(owner, 'link'))) return;
    if (flagNamed(owner, 'chmod')?.value?.text) return;
    const what = namedParts(value);
    if (!what) return;
    report({
      start: chown.start,
      end: chown.end,
      message:
        `--chown=${value} names ${what}, which a --link copy cannot look up: it is made on an empty layer without /etc/passwd or /etc/group. ` +
        'Builders that link layers (BuildKit, docker-container builders, Docker with the containerd image store) stop with "invalid user index: -1"; others ignore --link. ' +
        'Give numeric ids (--chown=1000:1000) or drop --link.',
    });
  },
  // Dropping --link builds everywhere (the copy is then made on the stage, where the names resolve);
  // which ids the names stand for only the image knows, so that fix is the user's.
  fixes(diagnostic, doc) {
    const at = doc.text.offsetAt(diagnostic.range.start);
    const index = doc.tree.nodeIndexAt(at);
    const node = doc.tree.node(index);
    const owner = node.kind === 'instruction' ? (node.name === 'ONBUILD' ? node.trigger : node) : undefined;
    if (!owner) return [];
    const start = doc.tree.start(index);
    const text = doc.tree.nodeText(index);
    const edits: OffsetEdit[] = [];
    for (const flag of owner.flags) {
      if (flag.name.text !== 'link') continue;
      // The flag and the blanks after it, so the words around it keep one blank between them.
      let end = flag.end;
      while (text[end] === ' ' || text[end] === '\t') end++;
      edits.push({ start: start + flag.start, end: start + end, text: '' });
    }
    return edits.length ? [quickFix('Remove --link', doc, diagnostic, edits, true)] : [];
  },
};
