// textDocument/hover: documentation that teaches, for whatever is under the cursor. The most
// specific thing wins: a variable, then a stage name or reference, then the instruction's own
// words (keyword, flag, value, argument). Directives and `# check=` comments have their own.

import type { Hover, Position } from 'vscode-languageserver-types';
import type { DocFormat } from '../../facts/render';
import type { CommentNode, DirectiveNode, InstructionNode, NodeEntry, Span } from '../../syntax';
import { triggerRuns } from '../../semantics';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';
import { pinnedFrontend } from '../../rules/frontendPin';
import { checkCommentHover, checkIgnoredNote, directiveHover } from './directives';
import { ignoreNote } from './ignored';
import { destinationHover, mountTargetNote, workdirHover } from './paths';
import type { SpanHover } from './flags';
import { instructionTokenHover } from './instruction';
import { pragmaHover } from './pragmas';
import { stageHover, unresolvedReferenceHover } from './stages';
import { declarationHover, singleQuotedHover, useHover } from './variables';

interface DocumentHover {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function hover(doc: AnalyzedDocument, found: DocumentHover | undefined, format: DocFormat): Hover | null {
  if (!found || found.text === '') return null;
  return { contents: { kind: format, value: found.text }, range: rangeOf(doc, found.start, found.end) };
}

function relative(base: number, found: SpanHover | undefined): DocumentHover | undefined {
  return found && { start: base + found.span.start, end: base + found.span.end, text: found.text };
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** What a hover may say beyond the document: the text of the `.dockerignore` its build reads, when the caller has it. */
export interface HoverOptions {
  readonly dockerignore?: string;
}

export function getHover(doc: AnalyzedDocument, position: Position, format: DocFormat, options: HoverOptions = {}): Hover | null {
  const offset = offsetOf(doc, position);
  const entry = doc.tree.entryAt(offset);
  if (!entry) return null;
  const end = entry.start + entry.node.length;
  // The end of a node that ends with a line break is already the next line.
  if (offset > end || (offset === end && /[\r\n]$/.test(doc.tree.slice(end - 1, end)))) return null;
  const rel = offset - entry.start;
  switch (entry.node.kind) {
    case 'directive': {
      const note = checkIgnoredNote(doc.tree, 'directive', format);
      // A line the pinned release reads: it may lack an option written there.
      const pin = note ? undefined : pinnedFrontend(doc.tree);
      return hover(doc, relative(entry.start, directiveHover(entry.node as DirectiveNode, rel, format, note, pin)), format);
    }
    case 'comment':
    {
      const nodeText = doc.tree.nodeText(entry.index);
      const comment = entry.node as CommentNode;
      const note = checkIgnoredNote(doc.tree, 'comment', format);
      const pin = note ? undefined : pinnedFrontend(doc.tree);
      return hover(doc, relative(entry.start, checkCommentHover(comment, nodeText, rel, format, note, pin) ?? pragmaHover(comment, nodeText, rel, format)), format);
    }
    case 'instruction':
      return hover(doc, instructionHover(doc, entry as NodeEntry<InstructionNode>, offset, format, options), format);
    default:
      return null;
  }
}

function instructionHover(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat, options: HoverOptions): DocumentHover | undefined {
  const model = doc.model;
  const use = model.useAt(offset);
  if (use) return { ...use.span, text: useHover(doc, use, format) };
  const declaration = model.declarationAt(offset);
  if (declaration && declaration.nodeIndex === entry.index) return { ...declaration.nameSpan, text: declarationHover(doc, declaration, format) };
  const stage = model.stages.find((s) => s.nodeIndex === entry.index && s.nameSpan && contains(s.nameSpan, offset));
  if (stage?.nameSpan) return { ...stage.nameSpan, text: stageHover(doc, stage, format) };
  const reference = model.stageReferenceAt(offset);
  if (reference && reference.nodeIndex === entry.index) {
    const text = reference.stage ? stageHover(doc, reference.stage, format, reference) : unresolvedReferenceHover(doc, reference, format);
    if (text !== undefined) return { ...reference.span, text };
  }
  const node = entry.node;
  if (node.name === 'ONBUILD') {
    const trigger = triggerStageHover(doc, entry.index, offset, format);
    if (trigger) return trigger;
  }
  const rel = offset - entry.start;
  // The body is shell text or file content; its terminator line gets the heredoc's hover.
  const inBody = node.heredocs.some((h) => h.body.start <= rel && rel < h.body.end);
  if (inBody) return undefined;
  const quoted = singleQuotedHover(doc, entry, offset, format);
  if (quoted) return { ...quoted.span, text: quoted.text };
  const path = destinationHover(doc, entry, offset, format) ?? workdirHover(doc, entry, offset, format);
  if (path) return relative(entry.start, path);
  const windowsImage = model.stageOfNode(entry.index)?.windows === true;
  const found = instructionTokenHover(node, doc.tree.nodeText(entry.index), rel, format, doc.tree.escape, model.shellAt(entry.index), windowsImage);
  // A relative mount target: where it is, which only the WORKDIRs above can tell; a context source: what
  // the .dockerignore does to it. Before the reference link.
  const note = found && (mountTargetNote(doc, entry, offset, format) ?? (options.dockerignore !== undefined ? ignoreNote(doc, entry, offset, format, options.dockerignore) : undefined));
  if (!found || !note) return relative(entry.start, found);
  const last = found.text.lastIndexOf('\n\n');
  return relative(entry.start, { ...found, text: last < 0 ? `${found.text}\n\n${note}` : `${found.text.slice(0, last)}\n\n${note}${found.text.slice(last)}` });
}

/**
 * A stage an ONBUILD COPY --from or RUN --mount from= trigger names for a stage of this file built
 * FROM this one, which runs it (BuildKit looks the name up there); elsewhere the flag's own hover.
 */
function triggerStageHover(doc: AnalyzedDocument, nodeIndex: number, offset: number, format: DocFormat): DocumentHover | undefined {
  const model = doc.model;
  const own = model.stageOfNode(nodeIndex);
  if (!own) return undefined;
  // Every stage built FROM this one runs the same triggers: the first below the stage named runs this one.
  const run = triggerRuns(model).find((r) => r.base === own);
  const use = run?.uses.find((u) => u.start <= offset && offset <= u.end && doc.tree.nodeIndexAt(u.start) === nodeIndex);
  const child = use && run?.runners.find((c) => use.stage.index < c.index);
  if (use && child) {
    const line = doc.text.positionAt(child.fromStart).line + 1;
    const elsewhere = use.byNumber ? `the number means that file's stage ${use.stage.index}` : "the name means that file's stage, or an image";
    const note = new DocWriter(format).prose(
      `The trigger names it for the stage on line ${line}, built \`FROM\` this one, which runs the trigger. In a build of another Dockerfile \`FROM\` this image, ${elsewhere}.`,
    );
    return { start: use.start, end: use.end, text: `${stageHover(doc, use.stage, format)}\n\n${note}` };
  }
  return undefined;
}
