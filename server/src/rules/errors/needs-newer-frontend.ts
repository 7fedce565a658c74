// A flag or `--mount` option that the frontend release pinned by `# syntax=docker/dockerfile:1.N`
// does not have: BuildKit runs that release, which stops at a flag it does not know (or, for the
// flags it knew only in the labs channel, at the step that uses it). Judged only for a numbered
// release of the official image, and only for features whose history the facts have checked
// (`labsSince`); without a pin, the frontend is the newest `1` or the one built into the builder,
// whose version is unknown. ONBUILD triggers are left alone: the child build's frontend runs them.
//
// It reads the `# syntax=` directive, which is in the global part, so a stage part (rebuilt when
// the global part changes) never keeps a verdict made under another pin.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getDirective, getMountOption, isOlder, missingFrom, type FrontendNeed, type FrontendVersion, type VersionedFeature } from '../../facts';
import type { Flag, InstructionNode, Token } from '../../syntax';
import { quickFix } from '../checks/support/fixes';
import { pinnedFrontend, type PinnedFrontend } from '../frontendPin';
import type { FileProblem, StageRule } from '../types';
import { checkedFlags } from './common';

/** The quick fix in Diagnostic.data: the version to write in place of the pinned one. */
interface PinFix {
  readonly version: string;
}

/** What the file needs instead of its pin: the release to write, keeping the pin's channel where it can. */
function neededVersion(need: FrontendNeed, pin: PinnedFrontend): string {
  if (pin.labs) return need.labs;
  if (need.stable !== undefined) return need.stable;
  // A labs-only feature under a stable pin: the labs channel of the newer of the two releases.
  return `${isOlder(pin.version, need.labs) ? need.labs : pin.version}-labs`;
}

function needsText(need: FrontendNeed, pin: PinnedFrontend): string {
  if (need.stable === undefined) return `the labs channel, frontend ${need.labs}-labs or later`;
  if (pin.labs) return `frontend ${need.labs}-labs or later${need.stable !== need.labs ? ` (${need.stable} outside the labs channel)` : ''}`;
  return `frontend ${need.stable} or later${isOlder(need.labs, need.stable) ? ` (or ${need.labs}-labs in the labs channel)` : ''}`;
}

function problem(what: string, need: FrontendNeed, pin: PinnedFrontend, nodeIndex: number, start: number, end: number): FileProblem {
  const fix: PinFix = { version: neededVersion(need, pin) };
  return { nodeIndex, start, end, message: `${what} needs ${needsText(need, pin)}, but this file pins ${pin.reference}.`, data: { version: fix.version } };
}

/** The `--mount` options the pinned release lacks, for a mount of a known type (not one from a variable). */
function* missingMountOptions(flag: Flag, pin: PinnedFrontend): IterableIterator<{ key: Token; need: FrontendNeed; type: string }> {
  const options = flag.mountOptions ?? [];
  const typeOption = options.find((o) => o.key.text.toLowerCase() === 'type');
  const type = typeOption?.value?.text.toLowerCase() ?? 'bind';
  for (const option of options) {
    const fact: VersionedFeature | undefined = getMountOption(type, option.key.text);
    const need = fact && missingFrom(fact, pin);
    if (need) yield { key: option.key, need, type };
  }
}

function checkInstruction(node: InstructionNode, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  for (const { flag, fact } of checkedFlags(node)) {
    const need = missingFrom(fact, pin);
    // The options of a --mount the release does not know at all are not worth a word more.
    if (need) report(problem(`${node.name} --${fact.name}`, need, pin, index, start + flag.start, start + flag.name.end));
    if (need || fact.value.kind !== 'mount') continue;
    for (const { key, need: optionNeed, type } of missingMountOptions(flag, pin)) {
      report(problem(`The ${key.text} option of a ${type} mount`, optionNeed, pin, index, start + key.start, start + key.end));
    }
  }
}

export const needsNewerFrontend: StageRule = {
  code: 'needs-newer-frontend',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag or mount option that the frontend release pinned with # syntax= does not have yet.',
  url: getDirective('syntax')!.referenceUrl,
  check({ tree, stage, report }) {
    const pin = pinnedFrontend(tree);
    if (!pin) return;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind === 'instruction') checkInstruction(node, start, index, pin, report);
    }, stage.nodeIndex);
  },
  fixes(diagnostic, doc) {
    const { version } = (diagnostic.data ?? {}) as Partial<PinFix>;
    const pin = pinnedFrontend(doc.tree);
    if (typeof version !== 'string' || !pin) return [];
    // A diagnostic of an older version of the file must not lower a pin that has moved on since.
    const toLabs = version.endsWith('-labs');
    if (!isOlder(pin.version, version.replace(/-labs$/, '') as FrontendVersion) && !(toLabs && !pin.labs)) return [];
    const reference = pin.reference.slice(0, pin.versionStart) + version + pin.reference.slice(pin.versionEnd);
    return [quickFix(`Pin ${reference}`, doc, diagnostic, [{ start: pin.start, end: pin.end, text: version }], true)];
  },
};
