// textDocument/documentLink:
// - FROM images (global ARG defaults expanded) and images in `COPY --from` / `--mount from=` to
//   their registry's page (registryPages.ts); never stage names, `scratch`, unknown registries or
//   variables without a known value. A bare `--from=word` may be a named build context, so only a
//   `--from` that is clearly an image (with `/`, `:` or `@`) is linked.
// - http(s) URLs among ADD sources (variables expanded when their values are known).
// - The `# syntax=` image, and the rule names in `# check=skip=...` / `experimental=...` (the
//   directive and the per-instruction comments) to the rule's documentation.

import type { DocumentLink } from 'vscode-languageserver-types';
import { getBuildCheck } from '../facts';
import { parseImageReference, type DocumentSpan } from '../semantics';
import { lex, type InstructionNode, type NodeEntry } from '../syntax';
import { rangeOf, type AnalyzedDocument } from './document';
import { registryPage } from './registryPages';

const BUILD_CHECKS_INDEX = 'https://docs.docker.com/reference/build-checks/';

interface Link {
  readonly span: DocumentSpan;
  readonly target: string;
  readonly tooltip: string;
}

function imageLink(image: string, span: DocumentSpan): Link | undefined {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return undefined;
  const page = registryPage(parsed.reference);
  return page && { span, target: page.url, tooltip: page.tooltip };
}

function imageLinks(doc: AnalyzedDocument): Link[] {
  const model = doc.model;
  const links: Link[] = [];
  for (const stage of model.stages) {
    if (!stage.imageSpan || stage.base) continue;
    const image = stage.resolvedImage;
    if (image === undefined) {
      // `node:${NODE_VERSION}-alpine` with the version unknown: the repository's page is known all the same.
      const repository = literalRepository(stage.image);
      const link = repository && imageLink(repository, { start: stage.imageSpan.start, end: stage.imageSpan.start + repository.length });
      if (link) links.push(link);
      continue;
    }
    if (image.toLowerCase() === 'scratch') continue;
    // `FROM ${BASE}` may expand to the name of an earlier stage.
    if (model.earlierStageNamed(stage, image)) continue;
    const link = imageLink(image, stage.imageSpan);
    if (link) links.push(link);
  }
  for (const reference of model.stageReferences) {
    if (reference.kind === 'from' || reference.stage || reference.byIndex || !/[/:@]/.test(reference.text)) continue;
    const link = imageLink(reference.text, reference.span);
    if (link) links.push(link);
  }
  return links;
}

/**
 * The repository of an image reference written as is, when only its tag or digest has a variable
 * (`node:${V}`, `ghcr.io/o/i@${DIGEST}`); undefined otherwise.
 */
function literalRepository(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const digest = image.indexOf('@');
  const tag = image.indexOf(':', image.lastIndexOf('/') + 1);
  const end = digest >= 0 && (tag < 0 || digest < tag) ? digest : tag;
  if (end <= 0) return undefined;
  const repository = image.slice(0, end);
  if (/[$"'\\`]/.test(repository) || !image.slice(end).includes('$') || repository.toLowerCase() === 'scratch') return undefined;
  return repository;
}

/** `text` with the node's variables expanded, or undefined when a value is unknown. */
function expandSource(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, span: DocumentSpan, text: string): string | undefined {
  if (!text.includes('$')) return text;
  const uses = doc.model.usesInNode(entry.index).filter((u) => u.span.start >= span.start && u.span.end <= span.end);
  if (uses.some((u) => u.value === undefined)) return undefined;
  const result = lex(text, (name) => uses.find((u) => u.name === name)?.value, { escape: doc.tree.escape, splitWords: false });
  return result.error ? undefined : result.value;
}

function addSourceLinks(doc: AnalyzedDocument): Link[] {
  const links: Link[] = [];
  for (const entry of doc.tree.instructions()) {
    const node = entry.node.name === 'ONBUILD' ? entry.node.trigger : entry.node;
    // ONBUILD triggers expand their variables in a later build, so only literal URLs there.
    if (node?.name !== 'ADD' || node.argList.length < 2) continue;
    for (const token of node.argList.slice(0, -1)) {
      if (!/^https?:\/\//i.test(token.text)) continue;
      const span = { start: entry.start + token.start, end: entry.start + token.end };
      const expanded = node === entry.node ? expandSource(doc, entry, span, token.text) : token.text.includes('$') ? undefined : token.text;
      const url = expanded !== undefined ? httpUrl(expanded) : undefined;
      if (!url) continue;
      // Link the URL itself, not the quotes of the JSON form around it.
      const raw = doc.tree.slice(span.start, span.end);
      const inner = raw.indexOf(token.text);
      const linkSpan = inner >= 0 ? { start: span.start + inner, end: span.start + inner + token.text.length } : span;
      // An http(s) URL whose path ends in .git is a Git repository, which ADD clones (BuildKit's gitutil.ParseGitRef).
      const tooltip = new URL(url).pathname.endsWith('.git') ? 'Open the Git repository ADD clones' : 'Open the URL ADD downloads';
      links.push({ span: linkSpan, target: url, tooltip });
    }
  }
  return links;
}

/** A well-formed http(s) URL, normalised (and so percent-encoded), or undefined. */
function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Rule names in the options of a check directive or comment; `text` starts at offset `base`. */
function checkOptionLinks(text: string, base: number): Link[] {
  const links: Link[] = [];
  let at = 0;
  for (const option of text.split(';')) {
    const equals = option.indexOf('=');
    const key = equals < 0 ? '' : option.slice(0, equals).trim().toLowerCase();
    if (key === 'skip' || key === 'experimental') {
      let valueAt = at + equals + 1;
      for (const item of option.slice(equals + 1).split(',')) {
        const name = item.trim();
        const start = base + valueAt + item.indexOf(name);
        const url = name === 'all' ? BUILD_CHECKS_INDEX : getBuildCheck(name)?.url;
        if (name && url) {
          const tooltip = name === 'all' ? "Open the list of BuildKit's build checks" : `Open the documentation of the ${name} check`;
          links.push({ span: { start, end: start + name.length }, target: url, tooltip });
        }
        valueAt += item.length + 1;
      }
    }
    at += option.length + 1;
  }
  return links;
}

const CHECK_COMMENT = /^#[ \t]*check[ \t]*=/i;

function directiveLinks(doc: AnalyzedDocument): Link[] {
  const links: Link[] = [];
  for (const { node, start } of doc.tree.entries()) {
    if (node.kind === 'directive') {
      const valueStart = start + node.value.start;
      const value = doc.tree.slice(valueStart, start + node.value.end);
      if (node.name === 'check') links.push(...checkOptionLinks(value, valueStart));
      if (node.name === 'syntax') {
        // BuildKit uses the text before the first space.
        const image = value.split(/\s/)[0];
        const link = image ? imageLink(image, { start: valueStart, end: valueStart + image.length }) : undefined;
        if (link) links.push(link);
      }
    } else if (node.kind === 'comment') {
      const text = doc.tree.slice(start + node.span.start, start + node.span.end);
      const match = CHECK_COMMENT.exec(text);
      if (match) links.push(...checkOptionLinks(text.slice(match[0].length), start + node.span.start + match[0].length));
    }
  }
  return links;
}

export function getDocumentLinks(doc: AnalyzedDocument): DocumentLink[] {
  const links = [...directiveLinks(doc), ...imageLinks(doc), ...addSourceLinks(doc)].sort((a, b) => a.span.start - b.span.start);
  return links.map((l) => ({ range: rangeOf(doc, l.span.start, l.span.end), target: l.target, tooltip: l.tooltip }));
}
