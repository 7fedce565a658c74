// The ENV names well-known base images set in their image config. BuildKit resolves the base
// image's config before it runs a stage, so `$GOPATH` after `FROM golang` has a value and `docker
// build --check` against a registry does not report it; the server never goes online, so this
// short table stands in for the registry.
//
// Conservative on purpose: an entry here silences UndefinedVar for that name, so a wrong one hides
// a real warning, while a missing one only keeps a warning BuildKit with an empty image would give.
// Only names every Linux tag of the image sets are listed (those of newer releases only carry the
// release that introduced them); Windows tags set other names and get none. Names only some variants
// set (node's YARN_VERSION, gone from the Node.js 26 images; python's GPG_KEY and LANG, gone from
// 3.14; nginx's NJS_VERSION, not in `-alpine-slim`) are left out. Each entry was read from the
// Dockerfiles that build the image (docker-library, nodejs/docker-node, rust-lang/docker-rust,
// adoptium/containers, dotnet/dotnet-docker, jupyter/docker-stacks, carlossg/docker-maven,
// keeganwitt/docker-gradle, redis/docker-library-redis), final stage and its bases; for the JDK bases
// of maven and gradle, docker-library/repo-info's records of the built tags.

export interface ImageEnvFact {
  /**
   * Repositories, as Docker normalises them but without `docker.io/` and `library/` (`golang`,
   * `jupyter/base-notebook`, `quay.io/jupyter/base-notebook`, `mcr.microsoft.com/dotnet/aspnet`).
   */
  readonly repositories: readonly string[];
  /** Set by every Linux tag. */
  readonly names: readonly string[];
  /** Set by the tags of a release from `version` on: a tag starting with an older version lacks them. */
  readonly since?: readonly { readonly version: string; readonly names: readonly string[] }[];
}

const JUPYTER_STACKS = [
  'docker-stacks-foundation',
  'base-notebook',
  'minimal-notebook',
  'scipy-notebook',
  'r-notebook',
  'julia-notebook',
  'tensorflow-notebook',
  'pytorch-notebook',
  'datascience-notebook',
  'pyspark-notebook',
  'all-spark-notebook',
];
const jupyter = (images: readonly string[]): string[] => images.flatMap((image) => [`jupyter/${image}`, `quay.io/jupyter/${image}`]);
const dotnet = (images: readonly string[]): string[] => images.map((image) => `mcr.microsoft.com/dotnet/${image}`);
/** What every .NET Linux image from runtime-deps up sets; .NET 8 added the non-root user and port 8080. */
const DOTNET_BASE = { names: ['DOTNET_RUNNING_IN_CONTAINER'], since: [{ version: '8', names: ['APP_UID', 'ASPNETCORE_HTTP_PORTS'] }] };

export const IMAGE_ENV: readonly ImageEnvFact[] = [
  { repositories: ['golang'], names: ['GOLANG_VERSION', 'GOPATH'], since: [{ version: '1.21', names: ['GOTOOLCHAIN'] }] },
  { repositories: ['node'], names: ['NODE_VERSION'] },
  { repositories: ['python'], names: ['PYTHON_VERSION'] },
  { repositories: ['ruby'], names: ['LANG', 'RUBY_VERSION', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG'] },
  {
    repositories: ['php'],
    names: ['PHPIZE_DEPS', 'PHP_INI_DIR', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'GPG_KEYS', 'PHP_VERSION', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256'],
  },
  { repositories: ['rust'], names: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'] },
  { repositories: ['eclipse-temurin'], names: ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'] },
  { repositories: ['openjdk'], names: ['JAVA_HOME', 'JAVA_VERSION', 'LANG'] },
  { repositories: ['postgres'], names: ['PG_MAJOR', 'PG_VERSION', 'PGDATA'] },
  { repositories: ['nginx'], names: ['NGINX_VERSION', 'PKG_RELEASE'] },
  { repositories: ['httpd'], names: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'] },
  { repositories: ['tomcat'], names: ['CATALINA_HOME', 'TOMCAT_MAJOR', 'TOMCAT_VERSION', 'JAVA_HOME'] },
  { repositories: dotnet(['runtime-deps']), ...DOTNET_BASE },
  { repositories: dotnet(['runtime']), ...DOTNET_BASE, names: [...DOTNET_BASE.names, 'DOTNET_VERSION'] },
  { repositories: dotnet(['aspnet']), ...DOTNET_BASE, names: [...DOTNET_BASE.names, 'DOTNET_VERSION'], since: [...DOTNET_BASE.since, { version: '5', names: ['ASPNET_VERSION'] }] },
  // The SDK built on buildpack-deps up to 3.1 (3.1 kept its version in a RUN variable) and on aspnet
  // from 5.0. POWERSHELL_DISTRIBUTION_CHANNEL is left out: the Alpine images for Arm install no
  // PowerShell, and `10.0-alpine` names those too.
  {
    repositories: dotnet(['sdk']),
    names: ['DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_USE_POLLING_FILE_WATCHER', 'NUGET_XMLDOC_MODE'],
    since: [
      { version: '5', names: ['DOTNET_VERSION', 'ASPNET_VERSION', 'DOTNET_SDK_VERSION'] },
      { version: '6', names: ['DOTNET_GENERATE_ASPNET_CERTIFICATE', 'DOTNET_NOLOGO'] },
      ...DOTNET_BASE.since,
    ],
  },
  // Every JDK the variants build on (temurin, corretto, semeru, sapmachine, ibmjava, graalvm, openjdk)
  // sets JAVA_HOME. Maven's tags lead with the Maven version; the 3.3 images set no MAVEN_CONFIG.
  { repositories: ['maven'], names: ['MAVEN_HOME', 'JAVA_HOME'], since: [{ version: '3.5', names: ['MAVEN_CONFIG'] }] },
  { repositories: ['gradle'], names: ['GRADLE_HOME', 'GRADLE_VERSION', 'JAVA_HOME'] },
  // Both the Oracle Linux and the Debian images (docker-library/mysql templates). The early 5.x
  // images had no gosu; every 8.0 and later one installs it.
  { repositories: ['mysql'], names: ['MYSQL_MAJOR', 'MYSQL_VERSION'], since: [{ version: '8.0', names: ['GOSU_VERSION'] }] },
  // REDIS_VERSION is left out: the Redis 8 images no longer set it. 3.x had a SHA1 under another name.
  { repositories: ['redis'], names: ['REDIS_DOWNLOAD_URL'], since: [{ version: '4', names: ['REDIS_DOWNLOAD_SHA'] }] },
  // The docker-stacks images all build on docker-stacks-foundation, which sets these.
  { repositories: jupyter(JUPYTER_STACKS), names: ['CONDA_DIR', 'SHELL', 'NB_USER', 'NB_UID', 'NB_GID', 'LC_ALL', 'LANG', 'LANGUAGE', 'HOME'] },
  { repositories: jupyter(['pyspark-notebook', 'all-spark-notebook']), names: ['SPARK_HOME', 'SPARK_OPTS'] },
];

/** Tags of Windows variants, whose Dockerfiles set other names than the Linux ones. */
const WINDOWS_TAG = /windowsservercore|nanoserver|ltsc|windows/i;

/**
 * Whether a tag's leading version (`1.20` in `1.20-bookworm`) is `version` or later. A tag with no
 * leading version (`latest`, `alpine`) names the newest release; a shorter one (`1`, `8`) the newest
 * of its line, so only the parts it gives are compared.
 */
function atLeast(tag: string | undefined, version: string): boolean {
  const leading = tag === undefined ? undefined : /^v?(\d+(?:\.\d+)*)/.exec(tag)?.[1];
  if (leading === undefined) return true;
  const have = leading.split('.').map(Number);
  const want = version.split('.').map(Number);
  for (let i = 0; i < have.length; i++) {
    const wanted = want[i] ?? 0;
    if (have[i] !== wanted) return have[i] > wanted;
  }
  return true;
}

const BY_REPOSITORY = new Map<string, ImageEnvFact[]>();
for (const fact of IMAGE_ENV) for (const repository of fact.repositories) BY_REPOSITORY.set(repository, [...(BY_REPOSITORY.get(repository) ?? []), fact]);

/**
 * The ENV names an image sets, known from the table: `repository` as in `ImageEnvFact`, the tag as
 * written (none for `latest`). Empty for an image the table does not know and for Windows tags.
 */
export function imageEnvNames(repository: string, tag: string | undefined): readonly string[] {
  const facts = BY_REPOSITORY.get(repository);
  if (!facts || (tag !== undefined && WINDOWS_TAG.test(tag))) return [];
  const names = new Set<string>();
  for (const fact of facts) {
    for (const name of fact.names) names.add(name);
    for (const later of fact.since ?? []) if (atLeast(tag, later.version)) for (const name of later.names) names.add(name);
  }
  return [...names];
}
