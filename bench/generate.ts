// Generates realistic multi-stage Dockerfiles of a given size for benchmarks: ARG/ENV with
// `${VAR:-x}`, long continuation chains, heredocs, mounts, and a few deliberate mistakes.
export function generateDockerfile(lines: number, options: { errors?: boolean } = {}): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', '# check=skip=JSONArgsRecommended', '', 'ARG BASE_IMAGE=debian:bookworm-slim', 'ARG NODE_VERSION=20', ''];
  let stage = 0;
  while (out.length < lines) {
    const name = `stage${stage}`;
    out.push(`FROM \${BASE_IMAGE} AS ${name}`);
    out.push(`ARG APP_HOME=/opt/app${stage}`);
    out.push(`ENV APP_HOME=\${APP_HOME:-/opt/app} PATH=\${APP_HOME}/bin:$PATH LANG=C.UTF-8`);
    out.push(`WORKDIR \${APP_HOME}`);
    out.push('RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\');
    out.push('    --mount=type=cache,target=/var/lib/apt,sharing=locked \\');
    out.push('    apt-get update \\');
    out.push('    && apt-get install -y --no-install-recommends \\');
    out.push('        ca-certificates \\');
    out.push('        curl \\');
    out.push('        git \\');
    out.push('    && rm -rf /var/lib/apt/lists/*');
    out.push(`COPY --chown=app:app --chmod=755 ./src/${name} \${APP_HOME}/src`);
    if (stage > 0) out.push(`COPY --from=stage${stage - 1} /opt/app${stage - 1}/bin /usr/local/bin/`);
    out.push('RUN <<EOF');
    out.push('set -eux');
    out.push(`echo "building ${name}" > /etc/build-info`);
    out.push('EOF');
    out.push(`LABEL org.opencontainers.image.title="${name}" org.opencontainers.image.version="1.${stage}"`);
    out.push('EXPOSE 8080/tcp');
    if (options.errors && stage % 5 === 4) {
      out.push('RUNN echo typo');
      out.push('COPY --form=build /a /b');
      out.push('ENV legacy value');
    }
    out.push('HEALTHCHECK --interval=30s --timeout=5s CMD curl -f http://localhost:8080/ || exit 1');
    out.push('USER app');
    out.push(`CMD ["/opt/app${stage}/bin/server", "--port", "8080"]`);
    out.push('');
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}
