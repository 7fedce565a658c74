import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture } from './fixture';

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

/** `$[ ... $]` marks each link; `expected` gives [target, tooltip] for each, in order. */
async function checkLinks(source: string, expected: [target: string, tooltip: string][]): Promise<void> {
  const fixture = parseFixture(source);
  const uri = `file:///links/${++count}/Dockerfile`;
  await client.open(uri, fixture.text);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  expect(links).toEqual(expected.map(([target, tooltip], i) => ({ range: fixture.ranges[i], target, tooltip })));
}

describe('documentLink over LSP', () => {
  it('advertises links with their targets up front', () => {
    expect(client.initializeResult.capabilities.documentLinkProvider).toEqual({ resolveProvider: false });
  });

  it('links images to the page of the registry that hosts them', async () => {
    await checkLinks(
      [
        'FROM $[node:20$] AS deps',
        'FROM $[library/nginx$]',
        'FROM $[bitnami/redis:7.2@sha256:' + 'a'.repeat(64) + '$]',
        'FROM $[docker.io/grafana/grafana$]',
        'FROM $[ghcr.io/home-assistant/home-assistant:stable$]',
        'FROM $[quay.io/prometheus/node-exporter$]',
        'FROM $[mcr.microsoft.com/dotnet/sdk:8.0$]',
        'FROM $[public.ecr.aws/docker/library/node$]',
        'FROM $[gcr.io/distroless/static-debian12$]',
        'FROM $[eu.gcr.io/my-project/tools/cli$]',
        'FROM $[europe-west1-docker.pkg.dev/proj/repo/team/img:1$]',
        'FROM $[registry.k8s.io/pause:3.9$]',
        'FROM $[nvcr.io/nvidia/pytorch:24.01-py3$]',
        '',
      ].join('\n'),
      [
        ['https://hub.docker.com/_/node', 'Open node on Docker Hub'],
        ['https://hub.docker.com/_/nginx', 'Open nginx on Docker Hub'],
        ['https://hub.docker.com/r/bitnami/redis', 'Open bitnami/redis on Docker Hub'],
        ['https://hub.docker.com/r/grafana/grafana', 'Open grafana/grafana on Docker Hub'],
        ['https://ghcr.io/home-assistant/home-assistant', 'Open home-assistant/home-assistant on GitHub Container Registry'],
        ['https://quay.io/repository/prometheus/node-exporter', 'Open prometheus/node-exporter on Quay'],
        ['https://mcr.microsoft.com/artifact/mar/dotnet/sdk', 'Open dotnet/sdk on Microsoft Artifact Registry'],
        ['https://gallery.ecr.aws/docker/library/node', 'Open docker/library/node on the Amazon ECR Public Gallery'],
        ['https://console.cloud.google.com/gcr/images/distroless/global/static-debian12', 'Open distroless/static-debian12 on Google Cloud console'],
        ['https://console.cloud.google.com/gcr/images/my-project/eu/tools/cli', 'Open my-project/tools/cli on Google Cloud console'],
        ['https://console.cloud.google.com/artifacts/docker/proj/europe-west1/repo/team/img', 'Open proj/repo/team/img on Google Cloud console'],
        ['https://registry.k8s.io/v2/pause/tags/list', 'Open pause on registry.k8s.io (its tag list)'],
        ['https://catalog.ngc.nvidia.com/orgs/nvidia/containers/pytorch', 'Open nvidia/pytorch on NVIDIA NGC'],
      ],
    );
  });

  it('nothing for unknown registries, stages, scratch, unknown values and invalid names', async () => {
    await checkLinks(
      [
        'ARG UNSET',
        'FROM registry.gitlab.com/group/project/image AS a',
        'FROM localhost:5000/app',
        'FROM a',
        'FROM scratch',
        'FROM ${UNSET}',
        'FROM example.org/a/b/c/d',
        'FROM Ubuntu',
        'FROM org/team/too/deep',
        '',
      ].join('\n'),
      [],
    );
  });

  it('the repository, when only the tag or digest has a value the file does not set (found by review)', async () => {
    await checkLinks('ARG NODE_VERSION\nARG DIGEST\nFROM $[node$]:${NODE_VERSION}-alpine\nFROM $[ghcr.io/o/i$]@${DIGEST}\nFROM ${NODE_VERSION}/x:1\nFROM scratch:${NODE_VERSION}\n', [
      ['https://hub.docker.com/_/node', 'Open node on Docker Hub'],
      ['https://ghcr.io/o/i', 'Open o/i on GitHub Container Registry'],
    ]);
  });

  it('expands global ARGs in FROM, also to a stage name, which is then not linked', async () => {
    await checkLinks('ARG BASE=python:3.12-slim\nARG STAGE=deps\nFROM $[${BASE}$] AS deps\nFROM ${STAGE}\n', [
      ['https://hub.docker.com/_/python', 'Open python on Docker Hub'],
    ]);
  });

  it('images in COPY --from and --mount from=, not stages or bare words that may be named contexts', async () => {
    await checkLinks(
      [
        'FROM $[alpine$] AS build',
        'COPY --from=$[nginx:alpine$] /etc/nginx /etc/nginx',
        'COPY --from=build /a /b',
        'COPY --from=src /c /d',
        'RUN --mount=from=$[ghcr.io/org/tools$],target=/t true',
        '',
      ].join('\n'),
      [
        ['https://hub.docker.com/_/alpine', 'Open alpine on Docker Hub'],
        ['https://hub.docker.com/_/nginx', 'Open nginx on Docker Hub'],
        ['https://ghcr.io/org/tools', 'Open org/tools on GitHub Container Registry'],
      ],
    );
  });

  it('ADD URLs, encoded, with known variables expanded; a URL ending in .git is a repository ADD clones', async () => {
    await checkLinks(
      [
        'FROM scratch',
        'ARG VERSION=1.2',
        'ADD ["$[https://example.com/my file.tgz$]", "/tmp/"]',
        'ADD --checksum=sha256:abc $[https://example.com/v${VERSION}/tool.tgz$] /opt/',
        'ADD https://example.com/${UNKNOWN}.tgz /opt/',
        'ADD $[https://github.com/moby/buildkit.git#v0.10.1$] /src',
        'ADD local.tgz /opt/',
        'ONBUILD ADD $[https://example.com/ä.txt$] /x',
        '',
      ].join('\n'),
      [
        ['https://example.com/my%20file.tgz', 'Open the URL ADD downloads'],
        ['https://example.com/v1.2/tool.tgz', 'Open the URL ADD downloads'],
        ['https://github.com/moby/buildkit.git#v0.10.1', 'Open the Git repository ADD clones'],
        ['https://example.com/%C3%A4.txt', 'Open the URL ADD downloads'],
      ],
    );
  });

  it('the syntax image and the rules named in check directives and comments', async () => {
    await checkLinks(
      [
        '# syntax=$[docker/dockerfile:1.10$]',
        '# check=skip=$[JSONArgsRecommended$], $[StageNameCasing$],NoSuchRule;error=true;experimental=$[InvalidDefinitionDescription$]',
        '',
        'FROM scratch',
        '# check=skip=$[all$]',
        'CMD echo hi',
        '',
      ].join('\n'),
      [
        ['https://hub.docker.com/r/docker/dockerfile', 'Open docker/dockerfile on Docker Hub'],
        ['https://docs.docker.com/go/dockerfile/rule/json-args-recommended/', 'Open the documentation of the JSONArgsRecommended check'],
        ['https://docs.docker.com/go/dockerfile/rule/stage-name-casing/', 'Open the documentation of the StageNameCasing check'],
        ['https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/', 'Open the documentation of the InvalidDefinitionDescription check'],
        ['https://docs.docker.com/reference/build-checks/', "Open the list of BuildKit's build checks"],
      ],
    );
  });
});
