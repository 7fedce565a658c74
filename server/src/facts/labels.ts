// The image labels the OCI image specification predefines (its "annotations"). Registries, scanners
// and `docker inspect` users read them, so LABEL completion offers them and hover explains them.
import type { LabelKeyFact } from './types';

export const OCI_ANNOTATIONS_URL = 'https://github.com/opencontainers/image-spec/blob/main/annotations.md';

const PREFIX = 'org.opencontainers.image.';

function key(name: string, doc: string, example: string, fromArg?: string): LabelKeyFact {
  return { key: PREFIX + name, doc, example, ...(fromArg ? { fromArg } : {}) };
}

export const LABEL_KEYS: readonly LabelKeyFact[] = [
  key('source', 'Where the source code of the image lives, as a URL. GitHub shows a package next to the repository it names, and update tools use it to find release notes.', 'https://github.com/acme/app'),
  key('revision', 'The version-control revision the image was built from, such as a full commit hash. Pass it in with a build argument rather than writing it by hand.', '${GIT_COMMIT}', 'GIT_COMMIT'),
  key('version', 'The version of the software inside the image. Free text, but semantic versions sort best.', '1.4.2'),
  key('created', 'When the image was built, as an RFC 3339 date and time. A fixed value keeps builds reproducible; pass a real one in with a build argument.', '2026-01-31T12:00:00Z'),
  key('title', 'A short, human-readable name for the image.', 'Acme API server'),
  key('description', 'One or two sentences on what the image is for.', 'Serves the Acme REST API on port 8080.'),
  key('authors', 'Who to contact about the image: names or e-mail addresses, free text. It replaces the deprecated MAINTAINER instruction.', 'Jane Doe <jane@example.com>'),
  key('url', 'A web page with more information about the image.', 'https://acme.example.com/api'),
  key('documentation', 'Where the documentation for using the image is, as a URL.', 'https://acme.example.com/api/docs'),
  key('vendor', 'The organisation that builds and distributes the image.', 'Acme Inc.'),
  key('licenses', 'The licence of the software in the image, as an SPDX expression.', 'Apache-2.0 OR MIT'),
  key('ref.name', 'The name of the reference the image is published under, usually its tag.', '1.4.2'),
  key('base.name', 'The image this one is built on, as a full reference. Tools use it to tell when a rebuild on a newer base is due.', 'docker.io/library/alpine:3.20'),
  key('base.digest', 'The digest of the base image this one was built on, so the exact base can be found again.', 'sha256:…'),
];
