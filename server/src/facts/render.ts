// The one renderer from a fact to documentation, as Markdown or as plain text. Every entry becomes
// a list of blocks (signature, text, example, ...) and each format prints the blocks its own way,
// so hover, completion and signature help all show the same words in the same order.
import { getFlag } from './index';
import type {
  BuildCheckFact,
  CheckOptionFact,
  DirectiveFact,
  Documentation,
  FlagFact,
  FrontendVersion,
  InstructionFact,
  InstructionForm,
  InstructionName,
  LabelKeyFact,
  MountAccessFact,
  MountOptionFact,
  MountType,
  MountTypeFact,
  NoEffectMountKeyFact,
  PredefinedArgFact,
  PredefinedArgGroup,
  SignalFact,
  ImageFact,
  ValueFact,
  ValueSpec,
} from './types';
import type { GitQueryParameterFact, GitQueryValue } from './gitQuery';
import { OCI_ANNOTATIONS_URL } from './labels';
import { SCRATCH } from './images';
import type { SingleQuotedFact } from './variables';
import { MOUNT_TYPES } from './mounts';
import { referenceUrl } from './util';

export type DocFormat = 'markdown' | 'plaintext';

type Block =
  /** Dockerfile text shown as the heading: a fenced block in Markdown. */
  | { readonly kind: 'code'; readonly text: string }
  /** A paragraph of Markdown; plain text drops the markup. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'example'; readonly text: string }
  | { readonly kind: 'labelled'; readonly label: string; readonly text: string }
  | { readonly kind: 'list'; readonly label: string; readonly items: readonly string[] }
  | { readonly kind: 'link'; readonly label: string; readonly url: string };

const REFERENCE_LABEL = 'Dockerfile reference';
const REFERENCE_URL_PREFIX = 'https://docs.docker.com/reference/dockerfile/';

// ---- Entry points ----

export function renderInstruction(fact: InstructionFact, format: DocFormat): string {
  return render(format, [
    code(fact.forms.map((form) => form.label).join('\n')),
    fact.deprecated !== undefined && { kind: 'labelled', label: 'Deprecated', text: fact.deprecated },
    ...documentation(fact.doc),
    link(fact.referenceUrl),
  ]);
}

/** One form's own keyword (HEALTHCHECK's `CMD` or `NONE`): the form, its lesson (or its line), the reference. */
export function renderForm(fact: InstructionFact, form: InstructionForm, format: DocFormat): string {
  return render(format, [code(form.label), ...(form.guide ? documentation(form.guide) : [text(form.doc)]), link(fact.referenceUrl)]);
}

export function renderFlag(instruction: InstructionName, flag: FlagFact, format: DocFormat): string {
  const { summary, details, example, pitfall } = flag.doc;
  return render(format, [
    code(`${instruction} --${flag.name}${valueHint(flag.value)}`),
    text(summary),
    details !== undefined && text(details),
    flag.value.kind === 'enum' && valueList(flag.value.values),
    example !== undefined && { kind: 'example', text: example },
    pitfall !== undefined && { kind: 'labelled', label: 'Pitfall', text: pitfall },
    requires(flag.since, flag.labs),
    flag.default !== undefined && defaultLine(flag.default),
    link(flag.referenceUrl),
  ]);
}

/** One value of an enum flag, e.g. `--network=none`. */
export function renderFlagValue(instruction: InstructionName, flag: FlagFact, value: ValueFact, format: DocFormat): string {
  return render(format, [
    code(`${instruction} --${flag.name}=${value.value}`),
    text(value.doc),
    value.isDefault && text('This is the default.'),
    requires(value.since ?? flag.since, flag.labs),
    link(flag.referenceUrl),
  ]);
}

export function renderMountType(mount: MountTypeFact, format: DocFormat): string {
  const options = mount.options.map((o) => (o.required ? `\`${o.key}\` (required)` : `\`${o.key}\``));
  return render(format, [
    code(`RUN --mount=type=${mount.type}[,<option>=<value>...]`),
    ...documentation(mount.doc, text(`Options: ${options.join(', ')}.`)),
    requires(mountSince()),
    link(mount.referenceUrl),
  ]);
}

/** An option of a mount type; `type` itself is MOUNT_TYPE_OPTION. `--mount`'s own version is on the flag. */
export function renderMountOption(type: MountType, option: MountOptionFact, format: DocFormat): string {
  return render(format, [
    code(mountOptionSignature(type, option, valueHint(option.value))),
    text(option.doc),
    option.aliases.length > 0 && text(`Also written ${option.aliases.map((a) => `\`${a}\``).join(', ')}.`),
    option.required && text('Required.'),
    option.value.kind === 'enum' && valueList(option.value.values),
    requires(option.since),
    option.default !== undefined && defaultLine(option.default),
    link(mountOptionUrl(type, option)),
  ]);
}

/** One value of an enum mount option, e.g. `sharing=locked`. */
export function renderMountOptionValue(
  type: MountType,
  option: MountOptionFact,
  value: ValueFact,
  format: DocFormat,
): string {
  return render(format, [
    code(mountOptionSignature(type, option, `=${value.value}`)),
    text(value.doc),
    value.isDefault && text('This is the default.'),
    requires(value.since ?? option.since),
    link(mountOptionUrl(type, option)),
  ]);
}

/**
 * `ro` or `rw` on a type without an option of that name (`ro` on a bind mount). `value` is the key's
 * boolean value as written (true for the bare key), undefined when it is not known (a variable).
 */
export function renderMountAccess(
  type: MountType,
  key: 'readonly' | 'readwrite',
  access: MountAccessFact,
  value: boolean | undefined,
  format: DocFormat,
): string {
  const effect = (keyValue: boolean) => {
    const readOnly = key === 'readonly' ? keyValue : !keyValue;
    return readOnly === access.writable ? access.changed : access.unchanged;
  };
  const hint = value === undefined ? '[=<boolean>]' : value ? '' : '=false';
  return render(format, [
    code(`RUN --mount=type=${type},${key}${hint}`),
    value === undefined
      ? { kind: 'list', label: 'Values', items: [`\`true\` (or the bare key): ${effect(true)}`, `\`false\`: ${effect(false)}`] }
      : text(effect(value)),
    alsoWritten(key),
    link(referenceUrl(`run---mounttype${type}`)),
  ]);
}

/** A key a mount type accepts but ignores (`id` on a bind mount). */
export function renderMountNoEffect(type: MountType, fact: NoEffectMountKeyFact, format: DocFormat): string {
  return render(format, [
    code(`RUN --mount=type=${type},${fact.key}${mountKeyHint(fact.key)}`),
    text(fact.doc),
    alsoWritten(fact.key),
    link(referenceUrl(`run---mounttype${type}`)),
  ]);
}

/** A key BuildKit refuses on a mount type (`size` on a cache mount), with what the type does take. */
export function renderRefusedMountKey(type: MountType, key: string, optionOf: readonly MountType[], format: DocFormat): string {
  const mount = MOUNT_TYPES.find((m) => m.type === type)!;
  const options = mount.options.map((o) => (o.required ? `\`${o.key}\` (required)` : `\`${o.key}\``));
  return render(format, [
    code(`RUN --mount=type=${type},${key}${mountKeyHint(key)}`),
    text(`BuildKit refuses \`${key}\` on a ${type} mount and stops the build: it is an option of ${andList(optionOf)} mounts.`),
    text(`A ${type} mount takes: ${options.join(', ')}.`),
    link(referenceUrl(`run---mounttype${type}`)),
  ]);
}

export function renderDirective(directive: DirectiveFact, format: DocFormat): string {
  return render(format, [
    code(directive.signature),
    ...documentation(directive.doc),
    requires(directive.since),
    link(directive.referenceUrl),
  ]);
}

/** One value of a directive, e.g. `docker/dockerfile:1` for `syntax`. */
export function renderDirectiveValue(directive: DirectiveFact, value: ValueFact, format: DocFormat): string {
  return render(format, [
    code(`# ${directive.name}=${value.value}`),
    text(value.doc),
    value.isDefault && text('This is the default.'),
    requires(value.since ?? directive.since),
    link(directive.referenceUrl),
  ]);
}

export function renderCheckOption(option: CheckOptionFact, format: DocFormat): string {
  return render(format, [
    code(`# check=${option.name}=${option.takes}`),
    text(option.doc),
    requires(option.since ?? '1.8'),
    link(referenceUrl('check')),
  ]);
}

export function renderCheckRule(check: BuildCheckFact, format: DocFormat): string {
  const status = check.experimental
    ? `Experimental: off unless enabled with \`# check=experimental=${check.name}\`.`
    : `On by default${check.stableSince ? ` since frontend ${check.stableSince} (experimental before)` : ''}; turn it off with \`# check=skip=${check.name}\`.`;
  return render(format, [
    text(`**${check.name}** (build check)`),
    text(check.doc),
    text(status),
    requires(check.since),
    check.url !== '' && link(check.url, 'Build check reference'),
  ]);
}

const GROUP_LABEL: Readonly<Record<PredefinedArgGroup, string>> = {
  proxy: 'predefined proxy argument',
  platform: 'automatic platform argument',
  target: 'automatic build argument',
  buildkit: 'BuildKit built-in argument',
};

export function renderPredefinedArg(arg: PredefinedArgFact, format: DocFormat): string {
  const scope = arg.automatic
    ? `Set automatically in the global scope; inside a stage, declare \`ARG ${arg.name}\` without a value to use it.`
    : arg.needsArg
      ? `Read only when the Dockerfile declares it, as \`ARG ${arg.name}=<value>\` before the first \`FROM\` or in a stage; \`--build-arg ${arg.name}=<value>\` alone does nothing, it only overrides a declared value.`
      : `Not set unless the build passes it: \`--build-arg ${arg.name}=<value>\`.`;
  return render(format, [
    text(`**${arg.name}** (${GROUP_LABEL[arg.group]})`),
    text(arg.doc),
    arg.example !== undefined && text(`Example value: \`${arg.example}\``),
    text(scope),
    arg.usage !== undefined && { kind: 'example', text: arg.usage },
    requires(arg.since),
    link(arg.referenceUrl, arg.referenceUrl.startsWith(REFERENCE_URL_PREFIX) ? REFERENCE_LABEL : 'Docker documentation'),
  ]);
}

/**
 * A variable a shell-form command holds in single quotes: `heading` (the variable, written for the
 * format) and `note` (what this file declares of that name), then the lesson.
 */
export function renderSingleQuoted(fact: SingleQuotedFact, heading: string, note: string | undefined, format: DocFormat): string {
  return render(format, [text(heading), ...documentation(fact.doc, note === undefined ? undefined : text(note)), link(fact.referenceUrl)]);
}

export function renderSignal(signal: SignalFact, format: DocFormat): string {
  return render(format, [
    text(`**${signal.name}** (signal ${signal.number})`),
    text(signal.doc),
    signal.isDefault && text('The default: `docker stop` sends it when no `STOPSIGNAL` is set.'),
    link(referenceUrl('stopsignal')),
  ]);
}

/** What an image is and who publishes it (`language runtime, a Docker Official Image`), for hover and completion. */
export function imageOrigin(image: ImageFact): string {
  if (image === SCRATCH) return image.kind;
  return `${image.kind}, ${image.publisher ? `published by ${image.publisher}` : 'a Docker Official Image'}`;
}

/** A base image completion offers: what it is for, the usual catch, and a reminder to pin a tag. */
export function renderImage(image: ImageFact, format: DocFormat): string {
  return render(format, [
    text(`**${image.name}** (${imageOrigin(image)})`),
    text(image.doc),
    image.name !== 'scratch' && text(`Name a tag (\`${image.name}:<version>\`): without one the build takes \`latest\`, which moves.`),
    link(referenceUrl('from')),
  ]);
}

/** The Dockerfile lines a label key's hover shows: an `ARG` first when the value comes from one. */
export function labelKeyExample(label: LabelKeyFact): string {
  const line = `LABEL ${label.key}="${label.example}"`;
  return label.fromArg ? `ARG ${label.fromArg}\n${line}` : line;
}

export function renderLabelKey(label: LabelKeyFact, format: DocFormat): string {
  return render(format, [
    text(`**Label \`${label.key}\`** (a predefined OCI image annotation)`),
    text(label.doc),
    { kind: 'example', text: labelKeyExample(label) },
    link(OCI_ANNOTATIONS_URL, 'OCI image annotations'),
  ]);
}

const GIT_QUERY_HINTS: Readonly<Record<GitQueryValue, string>> = { ref: '<ref>', commit: '<commit>', path: '<dir>', boolean: 'true|false', mtime: 'checkout|commit' };

/** A query parameter of a Git URL that ADD clones (`?ref=`, `&subdir=`). */
export function renderGitQueryParameter(parameter: GitQueryParameterFact, format: DocFormat): string {
  return render(format, [
    code(`ADD <git-url>?${parameter.name}=${GIT_QUERY_HINTS[parameter.value]} <dest>`),
    ...documentation(parameter.doc),
    requires(parameter.since),
    link(parameter.referenceUrl),
  ]);
}

/** A short piece of Markdown prose from the facts (a parameter or value doc) in the given format. */
export function renderText(markdownText: string, format: DocFormat): string {
  return render(format, [text(markdownText)]);
}

// ---- Building blocks ----

function code(textValue: string): Block {
  return { kind: 'code', text: textValue };
}

function text(textValue: string): Block {
  return { kind: 'text', text: textValue };
}

function link(url: string, label = REFERENCE_LABEL): Block {
  return { kind: 'link', label, url };
}

function defaultLine(value: string): Block {
  return text(`Default: \`${value}\``);
}

function valueList(values: readonly ValueFact[]): Block {
  return { kind: 'list', label: 'Values', items: values.map((v) => `\`${v.value}\`: ${v.doc}`) };
}

/** Summary, details (then any extra block), example and pitfall, in that order. */
function documentation(doc: Documentation, afterDetails?: Block): (Block | undefined)[] {
  return [
    text(doc.summary),
    doc.details !== undefined ? text(doc.details) : undefined,
    afterDetails,
    doc.example !== undefined ? { kind: 'example', text: doc.example } : undefined,
    doc.pitfall !== undefined ? { kind: 'labelled', label: 'Pitfall', text: doc.pitfall } : undefined,
  ];
}

function requires(since: FrontendVersion | undefined, labs = false): Block | undefined {
  if (labs) {
    return text(
      `Requires \`# syntax=docker/dockerfile:1-labs\` (the labs channel${since ? `, ${since}-labs or later` : ''}).`,
    );
  }
  return since ? text(`Requires \`# syntax=docker/dockerfile:${since}\` or later.`) : undefined;
}

function mountSince(): FrontendVersion | undefined {
  return getFlag('RUN', 'mount')?.since;
}

/** The option some mount type has under this key, for its value hint and its other spellings. */
function anyMountOption(key: string): MountOptionFact | undefined {
  for (const mount of MOUNT_TYPES) {
    const option = mount.options.find((o) => o.key === key);
    if (option) return option;
  }
  return undefined;
}

function mountKeyHint(key: string): string {
  const option = anyMountOption(key);
  return option ? valueHint(option.value) : '';
}

function alsoWritten(key: string): Block | undefined {
  const aliases = anyMountOption(key)?.aliases ?? [];
  return aliases.length > 0 ? text(`Also written ${aliases.map((a) => `\`${a}\``).join(', ')}.`) : undefined;
}

/** `a`, `a and b`, `a, b and c`. */
function andList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function mountOptionSignature(type: MountType, option: MountOptionFact, hint: string): string {
  return option.key === 'type' ? `RUN --mount=type${hint}` : `RUN --mount=type=${type},${option.key}${hint}`;
}

function mountOptionUrl(type: MountType, option: MountOptionFact): string {
  return option.key === 'type' ? referenceUrl('run---mount') : referenceUrl(`run---mounttype${type}`);
}

/** How a value is written after the key: `=<duration>`, `=<a|b>`, or `[=<boolean>]` since a bare key means true. */
export function valueHint(spec: ValueSpec): string {
  switch (spec.kind) {
    case 'boolean':
      return '[=<boolean>]';
    case 'enum':
      return `=<${spec.values.map((v) => v.value).join('|')}>`;
    case 'string':
      return `=<${spec.placeholder}>`;
    default:
      return `=${VALUE_HINT[spec.kind]}`;
  }
}

const VALUE_HINT: Readonly<Record<Exclude<ValueSpec['kind'], 'boolean' | 'enum' | 'string'>, string>> = {
  duration: '<duration>',
  integer: '<number>',
  platform: '<os>/<arch>[/<variant>]',
  stage: '<stage|image|context>',
  chown: '<user>[:<group>]',
  chmod: '<mode>',
  checksum: '<checksum>',
  mount: 'type=<type>[,<option>=<value>...]',
  device: '<device>[,required]',
  octal: '<octal>',
  size: '<size>',
};

// ---- Output ----

function render(format: DocFormat, blocks: readonly (Block | false | undefined)[]): string {
  const printBlock = format === 'markdown' ? markdown : plaintext;
  return blocks
    .filter((block): block is Block => Boolean(block))
    .map(printBlock)
    .join('\n\n');
}

function markdown(block: Block): string {
  switch (block.kind) {
    case 'code':
      return fence(block.text);
    case 'text':
      return block.text;
    case 'example':
      return `**Example**\n${fence(block.text)}`;
    case 'labelled':
      return `**${block.label}:** ${block.text}`;
    case 'list':
      return `**${block.label}**\n${block.items.map((item) => `- ${item}`).join('\n')}`;
    case 'link':
      return `[${block.label}](${block.url})`;
  }
}

function plaintext(block: Block): string {
  switch (block.kind) {
    case 'code':
      return block.text;
    case 'text':
      return plain(block.text);
    case 'example':
      return `Example:\n${indent(block.text)}`;
    case 'labelled':
      return `${block.label}: ${plain(block.text)}`;
    case 'list':
      return `${block.label}:\n${block.items.map((item) => `- ${plain(item)}`).join('\n')}`;
    case 'link':
      return `${block.label}: ${block.url}`;
  }
}

function fence(textValue: string): string {
  return '```dockerfile\n' + textValue + '\n```';
}

function indent(textValue: string): string {
  return textValue
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/** Markdown inline markup to readable text: code spans lose their backticks, emphasis its stars. */
function plain(markdownText: string): string {
  return markdownText
    .replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_match, _ticks: string, content: string) =>
      content.length > 2 && content.startsWith(' ') && content.endsWith(' ') ? content.slice(1, -1) : content,
    )
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}
