// The shapes of the language facts: the one typed table that completion, hover, signature help
// and validation all read. Adding a flag or a value is one entry in the data, not new code.

export type InstructionName =
  | 'FROM'
  | 'RUN'
  | 'CMD'
  | 'LABEL'
  | 'MAINTAINER'
  | 'EXPOSE'
  | 'ENV'
  | 'ADD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'VOLUME'
  | 'USER'
  | 'WORKDIR'
  | 'ARG'
  | 'ONBUILD'
  | 'STOPSIGNAL'
  | 'HEALTHCHECK'
  | 'SHELL';

/**
 * A Dockerfile frontend version such as '1.4' (the `# syntax=docker/dockerfile:1.4` that a
 * feature needs). Absent means the feature has always been there.
 */
export type FrontendVersion = `1.${number}`;

/** Teaching text in Markdown, written in our own words for people learning Docker. */
export interface Documentation {
  /** One or two sentences: what it is and what it does. */
  readonly summary: string;
  /** When to use it and when not, comparisons with its neighbours (COPY vs ADD, ...). */
  readonly details?: string;
  /** A short Dockerfile example, without code fences. */
  readonly example?: string;
  /** The mistake people most often make with it. */
  readonly pitfall?: string;
}

/** One allowed value of a flag, mount option or directive, with what it means. */
export interface ValueFact {
  readonly value: string;
  readonly doc: string;
  readonly since?: FrontendVersion;
  /** True for the value used when none is given. */
  readonly isDefault?: boolean;
}

/** What a flag or option accepts; validation and completion switch on `kind`. */
export type ValueSpec =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly ValueFact[]; readonly caseSensitive: boolean }
  | { readonly kind: 'duration' }
  | { readonly kind: 'integer'; readonly min?: number }
  | { readonly kind: 'platform' }
  | { readonly kind: 'stage' }
  | { readonly kind: 'chown' }
  | { readonly kind: 'chmod' }
  /** `git`: the releases whose check accepts a Git source (earlier ones take only an HTTP(S) download). */
  | { readonly kind: 'checksum'; readonly git: { readonly since: FrontendVersion; readonly labsSince: FrontendVersion } }
  | { readonly kind: 'mount' }
  | { readonly kind: 'device' }
  | { readonly kind: 'octal' }
  | { readonly kind: 'size' }
  | { readonly kind: 'string'; readonly placeholder: string };

export interface FlagFact {
  /** The name without the leading dashes, e.g. 'mount'. Flag names are case-sensitive. */
  readonly name: string;
  readonly value: ValueSpec;
  /** A placeholder shown in completion snippets and signatures, e.g. 'type=cache,target=/root/.cache'. */
  readonly placeholder: string;
  /** May be given more than once (`--mount`, `--exclude`, `--device`). */
  readonly repeatable: boolean;
  /** The first stable frontend that accepts it (for a `labs` flag, the first `-labs` one). */
  readonly since?: FrontendVersion;
  /** Only in the `-labs` frontend channel (e.g. `# syntax=docker/dockerfile:1-labs`). */
  readonly labs?: boolean;
  /**
   * The first `1.N-labs` frontend that accepts it: earlier than `since` when the labs channel had it
   * first, the same version when both channels got it in one release. Set only where the release
   * history (`since` included) was checked against BuildKit's release notes and sources: a file that
   * pins an older frontend is told the feature is missing there (needs-newer-frontend) only for
   * entries that have it.
   */
  readonly labsSince?: FrontendVersion;
  /**
   * The value used when the flag is absent, as a user would write it (`false`, `30s`). Absent when
   * no literal value describes it (the doc then says what happens without the flag).
   */
  readonly default?: string;
  /**
   * A zero value is stored as written but read as "not set" where it is used, so the default applies
   * (Docker Engine does this for HEALTHCHECK `--interval`, `--timeout` and `--retries`).
   */
  readonly zeroMeansDefault?: boolean;
  /** Whether the builder expands `$VARIABLES` in the value. */
  readonly expandsVariables: boolean;
  /** The frontend release that began expanding them, when it came after the flag (older ones take the value as written). */
  readonly expandsVariablesSince?: FrontendVersion;
  readonly doc: Documentation;
  /** The most specific section of https://docs.docker.com/reference/dockerfile/ for this flag. */
  readonly referenceUrl: string;
}

/** One way of writing an instruction, for signature help. */
export interface InstructionForm {
  /** The signature as shown to the user, e.g. 'COPY [--from=<stage>] <src>... <dest>'. */
  readonly label: string;
  /** 'exec' is the JSON-array form, 'shell' a command run by SHELL, 'plain' anything else. */
  readonly kind: 'shell' | 'exec' | 'plain';
  /** The parts of the label, in order; each `label` must occur in the form's label. */
  readonly parameters: readonly { readonly label: string; readonly doc: string }[];
  readonly doc: string;
  /** The full lesson on the form's own keyword (HEALTHCHECK's `CMD`), shown on hover over it instead of `doc`. */
  readonly guide?: Documentation;
}

export interface InstructionFact {
  readonly name: InstructionName;
  readonly doc: Documentation;
  readonly forms: readonly InstructionForm[];
  readonly flags: readonly FlagFact[];
  /** Anchor in https://docs.docker.com/reference/dockerfile/ */
  readonly referenceUrl: string;
  /** Text describing the deprecation, when the instruction is deprecated. */
  readonly deprecated?: string;
  /** Whether the builder expands `$VARIABLES` in the arguments. */
  readonly expandsVariables: boolean;
  readonly allowsHeredoc: boolean;
  /** Whether it may be an ONBUILD trigger. */
  readonly allowedInOnbuild: boolean;
  /** Snippet for completion (LSP snippet syntax), e.g. 'COPY ${1:src} ${2:dest}'. */
  readonly snippet: string;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface MountOptionFact {
  /** The canonical key, e.g. 'target'. Keys are case-insensitive. */
  readonly key: string;
  /** Other spellings BuildKit accepts, e.g. ['dst', 'destination']. */
  readonly aliases: readonly string[];
  readonly value: ValueSpec;
  /** May be written without `=value` (ro, rw, required). */
  readonly bare: boolean;
  readonly required?: boolean;
  readonly default?: string;
  readonly since?: FrontendVersion;
  /** Like FlagFact.labsSince. */
  readonly labsSince?: FrontendVersion;
  /**
   * A name that mounts of the type share (a cache's or a secret's `id`): completion also offers the
   * values the option has on the file's other mounts of the same type.
   */
  readonly sharedName?: boolean;
  readonly doc: string;
}

/** A key BuildKit accepts on a mount type although it changes nothing there (`id` on a bind mount). */
export interface NoEffectMountKeyFact {
  /** The canonical key; its spellings are those of the option where it means something. */
  readonly key: string;
  /** Why it changes nothing on this type, and what would matter instead. */
  readonly doc: string;
}

/**
 * Whether a command may write into a mount, which `ro` and `rw` decide. Both keys are accepted on a
 * type with this fact; the one that is not among its options either repeats the default (`ro` on a
 * bind mount) or, with the opposite value (`ro=false`), asks for what the other key asks for.
 */
export interface MountAccessFact {
  /** Writable when neither `ro` nor `rw` is given. */
  readonly writable: boolean;
  /** What asking for the access the mount has anyway amounts to (nothing), and what matters instead. */
  readonly unchanged: string;
  /** What asking for the other access does. */
  readonly changed: string;
}

export interface MountTypeFact {
  readonly type: MountType;
  readonly doc: Documentation;
  /**
   * The options that mean something for this type (`type` itself is MOUNT_TYPE_OPTION). A key that
   * is not here, not in `noEffect` and not `ro`/`rw` on a type with `access` is one BuildKit rejects
   * for this type.
   */
  readonly options: readonly MountOptionFact[];
  /** Whether the mount is writable and what `ro`/`rw` do; absent where they change nothing (secret, ssh). */
  readonly access?: MountAccessFact;
  /**
   * Keys BuildKit accepts for this type without error but that change nothing, whatever their value.
   * Validation may hint; it must not error.
   */
  readonly noEffect: readonly NoEffectMountKeyFact[];
  readonly referenceUrl: string;
}

export type DirectiveName = 'syntax' | 'escape' | 'check';

export interface DirectiveFact {
  readonly name: DirectiveName;
  /** How the directive is written, e.g. '# escape=<\\ or `>'; the heading of its hover. */
  readonly signature: string;
  readonly doc: Documentation;
  /**
   * Values offered by completion, in the order to offer them; the first is the recommended one.
   * Empty for `check`, whose options are CHECK_OPTIONS.
   */
  readonly values: readonly ValueFact[];
  readonly since?: FrontendVersion;
  readonly referenceUrl: string;
}

export interface CheckOptionFact {
  readonly name: 'skip' | 'error' | 'experimental';
  readonly doc: string;
  /** What the option takes, as its hover heading shows it (`<rules|all>`). */
  readonly takes: string;
  /** An example value, for completion's snippet. */
  readonly placeholder: string;
  readonly since?: FrontendVersion;
}

export type PredefinedArgGroup = 'proxy' | 'platform' | 'target' | 'buildkit';

export interface PredefinedArgFact {
  readonly name: string;
  readonly group: PredefinedArgGroup;
  readonly doc: string;
  /** A typical value, e.g. 'linux/amd64'. */
  readonly example?: string;
  /** A short Dockerfile that uses it the usual way, without code fences (declared with `ARG` in the stage that reads it). */
  readonly usage?: string;
  readonly since?: FrontendVersion;
  /** Defined in the global scope automatically (platform args); others only when passed with --build-arg. */
  readonly automatic: boolean;
  /**
   * Read only when the Dockerfile declares it with `ARG` (BuildKit's SBOM switches): a `--build-arg`
   * alone does nothing, it can only change the value of the declared argument.
   */
  readonly needsArg?: boolean;
  /**
   * BuildKit reads the value itself and never puts it in the stage's environment (`nonEnvArgs`): a
   * declared `ARG` of this name leaves `$NAME` unset for the instructions and commands after it.
   */
  readonly outsideEnvironment?: boolean;
  /** The Dockerfile reference's section, or the page of Docker's manual that documents the argument. */
  readonly referenceUrl: string;
}

/** An image label with a meaning defined outside the Dockerfile (the OCI image annotations). */
export interface LabelKeyFact {
  readonly key: string;
  readonly doc: string;
  /** A typical value, for the hover's example. */
  readonly example: string;
  /** The build argument the example value reads; the example declares it first. */
  readonly fromArg?: string;
}

export interface SignalFact {
  /** The canonical name with the SIG prefix, e.g. 'SIGTERM' or 'SIGRTMIN+3'. */
  readonly name: string;
  /** The Linux signal number. */
  readonly number: number;
  readonly doc: string;
  /** True for SIGTERM, which `docker stop` sends when no STOPSIGNAL is set. */
  readonly isDefault?: boolean;
}

/** A base image FROM lines commonly name (completion offers them). */
export interface ImageFact {
  /** The repository as FROM names it, without a tag (`node`, `mcr.microsoft.com/dotnet/sdk`). */
  readonly name: string;
  /** What it is, in a few words: 'base system', 'language runtime', 'build toolchain', … */
  readonly kind: string;
  /** Who publishes it, for images outside Docker Hub's official ones. */
  readonly publisher?: string;
  readonly doc: string;
}

/** One of BuildKit's build checks (`docker build --check`). */
export interface BuildCheckFact {
  /** BuildKit's own PascalCase name, used in `# check=skip=` and as the diagnostic code. */
  readonly name: string;
  readonly since: FrontendVersion;
  /** Off unless opted in with `# check=experimental=<name>` (as of the latest frontend). */
  readonly experimental: boolean;
  /** When a rule that started out experimental became on by default. */
  readonly stableSince?: FrontendVersion;
  /** What the rule catches and why it matters, in our words. */
  readonly doc: string;
  /** https://docs.docker.com/go/dockerfile/rule/<kebab-case-name>/ (empty when BuildKit has none). */
  readonly url: string;
  /**
   * BuildKit reports it while it converts a stage (dockerfile2llb's dispatch), which a plain `docker
   * build` does only for the stages its target reaches (`--check` converts them all); without it the
   * check runs while BuildKit reads the file or prepares every stage, whatever is built.
   */
  readonly atDispatch?: boolean;
}
