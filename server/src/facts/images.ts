// Base images a FROM line commonly starts with, for completion: what each is for and the usual
// catch. No tags: which tags exist needs a registry, and the server never goes online.
import type { ImageFact } from './types';

export const SCRATCH: ImageFact = {
  name: 'scratch',
  kind: 'empty image',
  doc: 'Not an image to pull but a name BuildKit reserves: the stage starts with an empty filesystem. Use it as the last stage for a statically linked program, copied in with `COPY --from=`. There is no shell, so RUN and the shell form of CMD fail in it unless a stage copies one in.',
};

export const COMMON_IMAGES: readonly ImageFact[] = [
  {
    name: 'alpine',
    kind: 'base system',
    doc: 'A few megabytes of Linux with `apk`. It is built on musl instead of glibc: programs and Python wheels compiled for glibc may not run, or build slowly from source.',
  },
  {
    name: 'debian',
    kind: 'base system',
    doc: 'Debian with `apt-get` and glibc: what most prebuilt software expects. The `-slim` tags leave out documentation, man pages and message translations.',
  },
  {
    name: 'ubuntu',
    kind: 'base system',
    doc: 'Ubuntu with `apt-get`; pick it when your software targets Ubuntu packages. Tags name releases (`24.04`) or their code names.',
  },
  {
    name: 'busybox',
    kind: 'base system',
    doc: 'One small binary with the basic Unix tools and a shell: handy for a helper stage or for debugging, not as a base for applications.',
  },
  {
    name: 'fedora',
    kind: 'base system',
    doc: 'Fedora with `dnf`: recent packages, each release supported for about a year.',
  },
  {
    name: 'node',
    kind: 'language runtime',
    doc: 'Node.js with npm (and Yarn 1 in the images of Node.js releases before 26). Pin the major version (`node:22`); `-slim` and `-alpine` tags are smaller. It runs as root unless you switch to the `node` user it provides.',
  },
  {
    name: 'python',
    kind: 'language runtime',
    doc: 'CPython with pip. `-slim` tags are the usual choice; on `-alpine`, packages without musl wheels compile from source, which needs a compiler and takes long.',
  },
  {
    name: 'golang',
    kind: 'build toolchain',
    doc: 'The Go toolchain. Use it in a build stage and copy the binary into a small final stage (`scratch` or a distroless image) with `CGO_ENABLED=0` for a static binary.',
  },
  {
    name: 'rust',
    kind: 'build toolchain',
    doc: 'Rust with cargo. Build in this stage (a `--mount=type=cache` on the cargo registry and `target` saves rebuilds) and ship only the binary.',
  },
  {
    name: 'eclipse-temurin',
    kind: 'language runtime',
    doc: 'OpenJDK builds from Eclipse Adoptium, with JDK and JRE tags (`21-jdk`, `21-jre`); one of the images the deprecated `openjdk` image names as alternatives.',
  },
  {
    name: 'maven',
    kind: 'build toolchain',
    doc: 'Apache Maven with a JDK, for a build stage; tags name both (`3-eclipse-temurin-21`). Cache `~/.m2` with a cache mount.',
  },
  {
    name: 'gradle',
    kind: 'build toolchain',
    doc: 'Gradle with a JDK, for a build stage. Cache `~/.gradle` with a cache mount.',
  },
  {
    name: 'ruby',
    kind: 'language runtime',
    doc: 'Ruby with Bundler. `-slim` tags need build tools installed for gems with native extensions.',
  },
  {
    name: 'php',
    kind: 'language runtime',
    doc: 'PHP, as a CLI, with Apache (`-apache`) or as FPM (`-fpm`). Extensions are added with the `docker-php-ext-install` script it provides.',
  },
  {
    name: 'nginx',
    kind: 'server',
    doc: 'The nginx web server. Copy static files to `/usr/share/nginx/html` and configuration to `/etc/nginx/conf.d/`; it stops gracefully on `SIGQUIT`.',
  },
  {
    name: 'httpd',
    kind: 'server',
    doc: 'The Apache HTTP Server; it serves `/usr/local/apache2/htdocs/`.',
  },
  {
    name: 'postgres',
    kind: 'server',
    doc: 'PostgreSQL. Usually run as it is; build FROM it to add extensions or scripts in `/docker-entrypoint-initdb.d/`, which run when the data directory is first created.',
  },
  {
    name: 'redis',
    kind: 'server',
    doc: 'The Redis key-value store; configuration can be passed as arguments to `redis-server`.',
  },
  {
    name: 'docker',
    kind: 'tooling',
    doc: 'Docker in Docker: the engine with its CLI in the default and `-dind` tags (run privileged), the CLI and its plugins alone in the `-cli` tags, for builds and jobs that drive Docker.',
  },
  {
    name: 'mcr.microsoft.com/dotnet/sdk',
    kind: 'build toolchain',
    publisher: 'Microsoft',
    doc: 'The .NET SDK, for `dotnet publish` in a build stage; copy the output into `mcr.microsoft.com/dotnet/aspnet` or `…/runtime`.',
  },
  {
    name: 'mcr.microsoft.com/dotnet/aspnet',
    kind: 'language runtime',
    publisher: 'Microsoft',
    doc: 'The ASP.NET Core runtime, the final stage for web applications published with the SDK image.',
  },
  {
    name: 'gcr.io/distroless/static-debian12',
    kind: 'minimal runtime',
    publisher: 'Google',
    doc: 'Certificates, time zones and a non-root user, and nothing else: no shell or package manager, so only the exec form of CMD and ENTRYPOINT works. For static binaries (Go, Rust).',
  },
];
