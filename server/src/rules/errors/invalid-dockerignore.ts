// A `.dockerignore` pattern BuildKit refuses (a bare `!`, or a pattern Go's filepath.Match calls
// malformed: see readIgnoreFile) stops the build as soon as the builder asks for the build context:
// the client that sends it builds its pattern matcher first (moby/patternmatcher.New) and fails. A
// pattern whose regexp Go cannot compile (`[z-a]`) fails later, once a path no pattern above it
// excludes is matched against it. The Dockerfile is then fine and the error surprising, so it is
// reported where the context is first read in each stage: a COPY or ADD source from the context, or a
// RUN `--mount` of it (a bind mount without from=). A stage that reads nothing from the context builds. A warning, not an error: the
// shared `.dockerignore` is read from the context's root, which the server takes to be the
// Dockerfile's folder (`docker build -f sub/Dockerfile .` reads another one and may build).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { heredocSourceName, mountTypeText, type InstructionNode, type Span } from '../../syntax';
import { ignoreLineLocation } from '../checks/support/dockerignore';
import { contextSources } from '../checks/support/nodes';
import { environmentAt, expandWord } from '../checks/support/expand';
import type { StageContext, StageRule } from '../types';
import { hasVariable } from './common';
import { remoteSource } from './remoteSource';

/**
 * The first part of an instruction that reads a build-context path `reaches` (relative span), and
 * what it is.
 */
function contextRead(node: InstructionNode, reaches: (path: string) => boolean): { span: Span; what: string } | undefined {
  for (const source of contextSources(node)) {
    if (heredocSourceName(source.text) !== undefined) continue;
    // ADD fetches URLs and Git repositories itself, and a variable may hold one.
    if (node.name === 'ADD' && (hasVariable(source.text) || remoteSource(source.text) !== undefined)) continue;
    if (!reaches(source.text)) continue;
    return { span: source, what: `this ${node.name} source` };
  }
  if (node.name === 'RUN') {
    for (const flag of node.flags) {
      if (flag.name.text !== 'mount' || !flag.value || hasVariable(flag.value.text)) continue;
      if (mountTypeText(flag) !== 'bind' || flag.mountOptions?.some((o) => o.key.text.toLowerCase() === 'from')) continue;
      const source = flag.mountOptions?.find((o) => ['source', 'src'].includes(o.key.text.toLowerCase()))?.value?.text ?? '.';
      if (!reaches(source)) continue;
      return { span: flag.value, what: 'this bind mount' };
    }
  }
  return undefined;
}

const EVERY_PATH = (): boolean => true;

/**
 * Whether a COPY or ADD source of node `index` reaches the pattern, read as BuildKit reads it (quotes
 * removed, variables expanded, as CopyIgnoredFile reads it); a value the file cannot tell is taken as
 * written.
 */
function sourceReaches(reachedBy: (path: string) => boolean, model: StageContext['model'], index: number, escape: string): (text: string) => boolean {
  return (text) => reachedBy(expandWord(text, environmentAt(model, index), escape) ?? text);
}

export const invalidDockerignore: StageRule = {
  code: 'invalid-dockerignore',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Warning,
  // Raised when the stage runs and asks for the context; `--check` sends none.
  raisedWhen: 'target',
  description: 'A .dockerignore pattern BuildKit refuses, which stops the build where the build context is first read.',
  url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  check({ tree, model, stage, dockerignoreRefused: refused, dockerignoreUri, report }) {
    if (!refused) return;
    const reachedBy = refused.reachedBy;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction') return;
      const read = contextRead(node, reachedBy ? sourceReaches(reachedBy, model, index, tree.escape) : EVERY_PATH);
      if (!read) return;
      report({
        nodeIndex: index,
        start: start + read.span.start,
        end: start + read.span.end,
        message: `With this folder as the build context, BuildKit cannot send the context ${read.what} reads: line ${refused.line + 1} of .dockerignore, '${refused.written}', ${refused.reason}.`,
        ...(dockerignoreUri ? { related: [{ location: ignoreLineLocation(dockerignoreUri, refused), message: `BuildKit refuses '${refused.written}'` }] } : {}),
      });
      return false;
    }, stage.nodeIndex + 1);
  },
};
