// The lookup API over the language facts. Pure data and pure functions: nothing here knows about
// LSP or VS Code; other layers convert. Lookups are O(1) maps built once at load.
import { BUILD_CHECKS } from './buildChecks';
import { CHECK_OPTIONS, DIRECTIVES, INSTRUCTION_CHECK_COMMENTS_SINCE, SYNTAX_VERSION_LATEST } from './directives';
import { INSTRUCTIONS } from './instructions';
import { LABEL_KEYS } from './labels';
import { GIT_QUERY_PARAMETERS } from './gitQuery';
import { MOUNT_TYPE_OPTION, MOUNT_TYPES } from './mounts';
import { PREDEFINED_ARGS } from './predefinedArgs';
import { SIGNALS } from './signals';
import { COMMON_IMAGES, SCRATCH } from './images';
import type { GitQueryParameterFact } from './gitQuery';
import type {
  BuildCheckFact,
  CheckOptionFact,
  DirectiveFact,
  FlagFact,
  InstructionFact,
  LabelKeyFact,
  MountAccessFact,
  MountOptionFact,
  MountType,
  MountTypeFact,
  NoEffectMountKeyFact,
  PredefinedArgFact,
  SignalFact,
  ImageFact,
} from './types';

export type * from './types';
export type { SubstitutionFact, SubstitutionOperator } from './variables';
export type { HeredocFact } from './values';
export { BOOLEAN_VALUES, CHMOD_MODES, booleanValues, DURATION_EXAMPLES, EXPOSE_PROTOCOLS, HEREDOC, PLATFORMS } from './values';
export { IMAGE_ENV, imageEnvNames, type ImageEnvFact } from './imageEnv';
export { DEFAULT_PATH, SINGLE_QUOTED, SUBSTITUTIONS, SUBSTITUTION_URL, getSubstitution, type SingleQuotedFact } from './variables';
export { LABEL_KEYS, OCI_ANNOTATIONS_URL } from './labels';
export { inheritedSourceDateEpoch } from './predefinedArgs';
export { ADD_SOURCES, COPY_SOURCES, type SourceFact, type AddSourceKind, type CopySourceKind } from './instructions';
export { GIT_MTIME_VALUES, GIT_QUERY_PARAMETERS, type GitQueryParameterFact, type GitQueryValue } from './gitQuery';
export { HADOLINT_RETIRED_CODES, HADOLINT_RULES, HADOLINT_VERSION, getHadolintRule, isShellCheckCode } from './hadolint';
export type { HadolintRuleFact, HadolintSeverity } from './hadolint';
export { LABS_CHANNEL_SINCE, isOlder, isOtherFrontend, missingFrom, parseFrontendPin } from './frontend';
export type { FrontendNeed, FrontendPin, VersionedFeature } from './frontend';
export {
  BUILD_CHECKS,
  CHECK_OPTIONS,
  DIRECTIVES,
  INSTRUCTION_CHECK_COMMENTS_SINCE,
  INSTRUCTIONS,
  MOUNT_TYPE_OPTION,
  MOUNT_TYPES,
  PREDEFINED_ARGS,
  SIGNALS,
  SYNTAX_VERSION_LATEST,
  COMMON_IMAGES,
  SCRATCH,
};

function byKey<T>(items: readonly T[], keys: (item: T) => readonly string[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) for (const key of keys(item)) map.set(key, item);
  return map;
}

const instructions = byKey(INSTRUCTIONS, (i) => [i.name]);
const flags = new Map(INSTRUCTIONS.map((i) => [i.name, byKey(i.flags, (f) => [f.name])]));
const mountTypes = byKey(MOUNT_TYPES, (m) => [m.type]);
const mountOptions = new Map(
  MOUNT_TYPES.map((m) => [m.type, byKey([MOUNT_TYPE_OPTION, ...m.options], (o) => [o.key, ...o.aliases])]),
);
/** Every spelling of a mount key any type knows, to its canonical key (`ro` to `readonly`). */
const canonicalMountKeys = new Map<string, string>([[MOUNT_TYPE_OPTION.key, MOUNT_TYPE_OPTION.key]]);
for (const mount of MOUNT_TYPES) for (const o of mount.options) for (const k of [o.key, ...o.aliases]) canonicalMountKeys.set(k, o.key);
const directives = byKey(DIRECTIVES, (d) => [d.name]);
const checkOptions = byKey(CHECK_OPTIONS, (o) => [o.name]);
const predefinedArgs = byKey(PREDEFINED_ARGS, (a) => [a.name]);
const signalsByName = byKey(SIGNALS, (s) => [s.name.slice('SIG'.length)]);
const signalsByNumber = byKey(SIGNALS, (s) => [String(s.number)]);
const buildChecks = byKey(BUILD_CHECKS, (c) => [c.name]);
const images = byKey([SCRATCH, ...COMMON_IMAGES], (i) => [i.name]);

/** An instruction by keyword, in any case (`run`, `Run`, `RUN`). */
export function getInstruction(name: string): InstructionFact | undefined {
  return instructions.get(name.toUpperCase());
}

/** A flag of an instruction. Flag names are case-sensitive; leading dashes are optional. */
export function getFlag(instruction: string, flagName: string): FlagFact | undefined {
  return flags.get(instruction.toUpperCase() as InstructionFact['name'])?.get(flagName.replace(/^--?/, ''));
}

/** A mount type by its `type=` value, in any case. */
export function getMountType(type: string): MountTypeFact | undefined {
  return mountTypes.get(type.toLowerCase());
}

/**
 * An option valid for a mount type, by key or alias, in any case (`dst` gives `target`).
 * `type` resolves for every type. Undefined when BuildKit rejects or ignores the key for that type.
 */
export function getMountOption(type: string, key: string): MountOptionFact | undefined {
  return mountOptions.get(type.toLowerCase() as MountTypeFact['type'])?.get(key.toLowerCase());
}

/** What a `--mount` key means on one type; see getMountKey. */
export type MountKeyMeaning =
  | { readonly kind: 'option'; readonly option: MountOptionFact }
  /** `ro` or `rw` where the type has no option of that name: its effect depends on its value. */
  | { readonly kind: 'access'; readonly key: 'readonly' | 'readwrite'; readonly access: MountAccessFact }
  | { readonly kind: 'noEffect'; readonly fact: NoEffectMountKeyFact }
  /** A key BuildKit knows but refuses on this type; `optionOf` lists the types that take it. */
  | { readonly kind: 'refused'; readonly key: string; readonly optionOf: readonly MountType[] };

/** The canonical spelling of a mount key any type knows (`dst` gives `target`), in any case. */
export function canonicalMountKey(key: string): string | undefined {
  return canonicalMountKeys.get(key.toLowerCase());
}

/**
 * What a key, in any spelling and case, means on a mount type: an option, `ro`/`rw` against the
 * type's default access, a key accepted to no effect, or one BuildKit refuses. Undefined for a key
 * no mount type knows (a misspelling).
 */
export function getMountKey(type: MountType, key: string): MountKeyMeaning | undefined {
  const canonical = canonicalMountKey(key);
  const mount = getMountType(type);
  if (canonical === undefined || mount === undefined) return undefined;
  const option = getMountOption(type, canonical);
  if (option) return { kind: 'option', option };
  if ((canonical === 'readonly' || canonical === 'readwrite') && mount.access) return { kind: 'access', key: canonical, access: mount.access };
  const fact = mount.noEffect.find((k) => k.key === canonical);
  if (fact) return { kind: 'noEffect', fact };
  return { kind: 'refused', key: canonical, optionOf: MOUNT_TYPES.filter((m) => getMountOption(m.type, canonical)).map((m) => m.type) };
}

/** A parser directive by key, in any case. */
export function getDirective(name: string): DirectiveFact | undefined {
  return directives.get(name.toLowerCase());
}

/** An option of the `check` directive (`skip`, `error`, `experimental`). */
export function getCheckOption(name: string): CheckOptionFact | undefined {
  return checkOptions.get(name);
}

/** A predefined build argument. Variable names are case-sensitive (`http_proxy` and `HTTP_PROXY` differ). */
export function getPredefinedArg(name: string): PredefinedArgFact | undefined {
  return predefinedArgs.get(name);
}

/** A signal as STOPSIGNAL accepts it: `SIGQUIT`, `quit` or `3`. */
export function getSignal(signal: string): SignalFact | undefined {
  if (/^\d+$/.test(signal)) return signalsByNumber.get(String(Number(signal)));
  return signalsByName.get(signal.toUpperCase().replace(/^SIG/, ''));
}

/** A BuildKit build check by its case-sensitive PascalCase name. */
const labelKeys = new Map(LABEL_KEYS.map((fact) => [fact.key, fact]));

/** A label key with a predefined meaning (label keys are case-sensitive). */
export function getLabelKey(key: string): LabelKeyFact | undefined {
  return labelKeys.get(key);
}

const gitQueryParameters = byKey(GIT_QUERY_PARAMETERS, (p) => [p.name]);

/** A query parameter of a Git URL that ADD clones, by its case-sensitive key (`ref`, `keep-git-dir`). */
export function getGitQueryParameter(key: string): GitQueryParameterFact | undefined {
  return gitQueryParameters.get(key);
}

export function getBuildCheck(name: string): BuildCheckFact | undefined {
  return buildChecks.get(name);
}

/** A base image completion offers, by its name as FROM writes it. */
export function getCommonImage(name: string): ImageFact | undefined {
  return images.get(name);
}
