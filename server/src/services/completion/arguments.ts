// Arguments that have a known vocabulary: the stage, image or `AS` of FROM, HEALTHCHECK's CMD/NONE,
// STOPSIGNAL's signals, EXPOSE's protocol after `/`, the names an ARG can declare (in a stage the
// global ARGs it has not declared again, then the predefined ones), and the WORKDIRs a COPY or ADD
// destination can name (destinations.ts).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { COMMON_IMAGES, EXPOSE_PROTOCOLS, getCommonImage, getGitQueryParameter, GIT_QUERY_PARAMETERS, LABEL_KEYS, missingFrom, PREDEFINED_ARGS, SCRATCH, SIGNALS, type InstructionFact, type PredefinedArgGroup } from '../../facts';
import { gitUrlQuery } from '../../rules/errors/remoteSource';
import { pinnedFrontend } from '../../rules/frontendPin';
import { destinationItems } from './destinations';
import { charAfterWord, item, type CompletionRequest } from './items';
import { keywordCase } from '../keywordCase';
import { stageItems } from './stages';
import { shorten } from './variables';

export interface ArgumentContext {
  readonly instruction: InstructionFact;
  /** Position of the word being typed among the arguments (flags not counted). */
  readonly index: number;
  readonly typed: string;
  /** Where the word being typed starts. */
  readonly from: number;
  /** The keyword as written, whose case `AS`, `CMD` and `NONE` follow. */
  readonly keyword: string;
  readonly onbuild: boolean;
  readonly instructionStart: number;
  /** Text follows the cursor on the line: a snippet's placeholders would duplicate it. */
  readonly textAfter: boolean;
  /** Flags are written before the word. */
  readonly flagged: boolean;
  /** The arguments are (or are being typed as) a JSON array. */
  readonly json: boolean;
}

function caseOf(keyword: string): boolean {
  return keyword !== keyword.toUpperCase() && keyword === keyword.toLowerCase();
}

function fromItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  if (context.index === 0) {
    if (context.onbuild) return [];
    // A stage name has no `:`, `@` or `/`: past one of them the word is an image's tag, digest or path.
    const stages = /[:@/]/.test(context.typed) ? [] : stageItems(request, context.from, context.instructionStart, 'from');
    // `FROM golang` after a stage named golang builds on that stage: the image of that name is out of reach.
    const stageNames = new Set(stages.map((stage) => stage.label.toLowerCase()));
    return [...stages, ...imageItems(request, context, stages.length, stageNames)];
  }
  if (context.index !== 1) return [];
  const as = keywordCase('AS', caseOf(context.keyword));
  const snippet = request.snippets && !context.textAfter;
  return [item(request, as, CompletionItemKind.Keyword, context.from, snippet ? `${as} \${1:name}` : as, 0, { snippet, detail: 'name this stage' })];
}

/**
 * Images for FROM, after the stages: those the file's other FROM lines name (tags and all, as a
 * multi-stage file often repeats one), then `scratch`, then common base images by name; none that
 * an offered stage's name hides.
 */
function imageItems(request: CompletionRequest, context: ArgumentContext, rank: number, stageNames: ReadonlySet<string>): CompletionItem[] {
  const { model } = request.doc;
  const current = model.stageAt(context.instructionStart);
  const items: CompletionItem[] = [];
  const offered = new Set<string>();
  for (const stage of model.stages) {
    const image = stage.image;
    // Stage names and unresolved variables are not images to repeat.
    if (stage === current || image === undefined || stage.base || offered.has(image) || stageNames.has(image.toLowerCase()) || /[$"'\\]/.test(image)) continue;
    offered.add(image);
    const line = request.doc.text.positionAt(stage.fromStart).line + 1;
    const known = getCommonImage(image);
    items.push(item(request, image, CompletionItemKind.Module, context.from, image, rank++, { detail: `image, used on line ${line}`, data: known && { k: 'image', key: known.name } }));
  }
  for (const image of [SCRATCH, ...COMMON_IMAGES]) {
    if (offered.has(image.name) || stageNames.has(image.name)) continue;
    items.push(
      item(request, image.name, image === SCRATCH ? CompletionItemKind.Keyword : CompletionItemKind.Module, context.from, image.name, rank++, {
        detail: image.kind,
        data: { k: 'image', key: image.name },
      }),
    );
  }
  // Past a `/`, `:` or `@` the word is a path, tag or digest: only images that share what comes before it fit.
  const separator = Math.max(context.typed.lastIndexOf('/'), context.typed.lastIndexOf(':'), context.typed.lastIndexOf('@'));
  if (separator < 0) return items;
  const prefix = context.typed.slice(0, separator + 1);
  return items.filter((i) => i.label.startsWith(prefix));
}

function healthcheckItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  if (context.index !== 0) return [];
  const lower = caseOf(context.keyword);
  const cmd = keywordCase('CMD', lower);
  const none = keywordCase('NONE', lower);
  const snippet = request.snippets && !context.textAfter;
  const items = [
    item(request, cmd, CompletionItemKind.Keyword, context.from, snippet ? `${cmd} \${1:command}` : cmd, 0, {
      snippet,
      detail: context.instruction.forms[0].doc,
    }),
  ];
  // BuildKit reads no flags for NONE: after `--interval=30s` it would silently drop them.
  if (!context.flagged) items.push(item(request, none, CompletionItemKind.Keyword, context.from, none, 1, { detail: context.instruction.forms[1].doc }));
  return items;
}

function signalItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  if (context.index !== 0) return [];
  return SIGNALS.map((signal, rank) =>
    item(request, signal.name, CompletionItemKind.EnumMember, context.from, signal.name, rank, {
      detail: signal.isDefault ? `signal ${signal.number} (default)` : `signal ${signal.number}`,
      data: { k: 'signal', key: signal.name },
    }),
  );
}

function protocolItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  const slash = context.typed.indexOf('/');
  if (slash < 0 || context.typed.includes('$')) return [];
  return EXPOSE_PROTOCOLS.map((protocol, rank) =>
    item(request, protocol.value, CompletionItemKind.EnumMember, context.from + slash + 1, protocol.value, rank, {
      ...(protocol.isDefault ? { detail: 'default' } : {}),
      data: { k: 'protocol', key: protocol.value },
    }),
  );
}

const ARG_GROUP_RANK: Readonly<Record<PredefinedArgGroup, number>> = { platform: 0, target: 1, buildkit: 2, proxy: 3 };

function argNameItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  if (context.typed.includes('=')) return [];
  const model = request.doc.model;
  const scope = model.visibleAt(context.instructionStart);
  const predefined = new Set(PREDEFINED_ARGS.map((arg) => arg.name));
  // A stage sees a global ARG only once it declares it again (`ARG NAME`): the commonest ARG in a
  // stage. Not in an ONBUILD ARG, which a build FROM this image runs without this file's globals.
  const globals: CompletionItem[] = [];
  if (!context.onbuild && model.stageAt(context.instructionStart)) {
    const names = new Set(model.globalArgs.map((declaration) => declaration.name));
    for (const name of names) {
      if (scope.has(name) || predefined.has(name)) continue;
      // A later global ARG of the same name gives the value the stage gets.
      const declaration = model.globalArgNamed(name)!;
      const value = declaration.value ?? declaration.rawValue;
      globals.push(
        item(request, name, CompletionItemKind.Variable, context.from, name, globals.length, {
          detail: shorten(`global ARG ${name}${value !== undefined ? `=${value}` : ''}`),
        }),
      );
    }
  }
  // Names already in scope (declared, or automatic in the global scope) need no declaration.
  return [
    ...globals,
    ...PREDEFINED_ARGS.filter((arg) => !scope.has(arg.name)).map((arg, rank) =>
      item(request, arg.name, CompletionItemKind.Variable, context.from, arg.name, 1000 + ARG_GROUP_RANK[arg.group] * 100 + rank, {
        detail: arg.automatic ? 'set automatically by BuildKit' : 'set with --build-arg',
        data: { k: 'arg', key: arg.name },
      }),
    ),
  ];
}

/** The predefined OCI label keys, where a LABEL key is being typed (not its value). */
function labelKeyItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  if (context.typed.includes('=') || /["'$]/.test(context.typed)) return [];
  // The legacy form `LABEL key value words`: everything after the key is its value.
  const node = request.doc.tree.instructionAt(context.instructionStart)?.node;
  const owner = node?.name === 'ONBUILD' ? node.trigger : node;
  if (owner?.pairs[0]?.separator === ' ' && context.index > 0) return [];
  // Renaming a key that already has its `=value`: only the key changes.
  const keyOnly = charAfterWord(request) === '=';
  const snippet = request.snippets && !keyOnly;
  return LABEL_KEYS.map((label, rank) =>
    item(request, label.key, CompletionItemKind.Property, context.from, keyOnly ? label.key : snippet ? `${label.key}="$1"` : `${label.key}=`, rank, {
      snippet,
      detail: 'OCI image annotation',
      data: { k: 'label', key: label.key },
    }),
  );
}

/**
 * The query parameters of a Git URL that ADD clones, where a key is being typed after its `?` or an `&`
 * (`…/repo.git?ref=v1&su`): those not given yet, none of them under a pin that predates them.
 */
function gitQueryItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  const query = gitUrlQuery(context.typed);
  // Only at the end of the query: past a `#` the text is the fragment.
  if (!query || query.end !== context.typed.length) return [];
  const keyStart = Math.max(context.typed.lastIndexOf('&'), query.start) + 1;
  if (context.typed.includes('=', keyStart)) return [];
  const pin = context.onbuild ? undefined : pinnedFrontend(request.doc.tree);
  // A release from before the query's first parameters reads none, not even one whose own release is unconfirmed.
  if (pin && missingFrom(GIT_QUERY_PARAMETERS[0], pin)) return [];
  const given = new Set(query.params.filter((p) => p.keyStart !== keyStart).map((p) => p.key));
  // Left out too: the keys BuildKit refuses beside a given one, and another name of a given one (`commit` for `checksum`).
  const excluded = new Set(
    [...given].flatMap((key) => {
      const fact = getGitQueryParameter(key);
      const aliases = GIT_QUERY_PARAMETERS.filter((p) => p.aliasOf === key).map((p) => p.name);
      return [...(fact?.excludes ?? []), ...(fact?.aliasOf ? [fact.aliasOf] : []), ...aliases];
    }),
  );
  const keyOnly = charAfterWord(request) === '=';
  return GIT_QUERY_PARAMETERS.filter((p) => !given.has(p.name) && !excluded.has(p.name) && !(pin && missingFrom(p, pin))).map((p, rank) =>
    item(request, p.name, CompletionItemKind.Property, context.from + keyStart, keyOnly ? p.name : `${p.name}=`, rank, {
      detail: p.aliasOf ? `Git URL query parameter, same as ${p.aliasOf}` : 'Git URL query parameter',
      data: { k: 'git-query', key: p.name },
    }),
  );
}

export function argumentItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  switch (context.instruction.name) {
    case 'FROM':
      return fromItems(request, context);
    case 'HEALTHCHECK':
      return healthcheckItems(request, context);
    case 'STOPSIGNAL':
      return signalItems(request, context);
    case 'EXPOSE':
      return protocolItems(request, context);
    case 'ARG':
      return argNameItems(request, context);
    case 'LABEL':
      return labelKeyItems(request, context);
    case 'ADD': {
      const query = gitQueryItems(request, context);
      return query.length > 0 ? query : destinationItems(request, context);
    }
    case 'COPY':
      return destinationItems(request, context);
    default:
      return [];
  }
}
