// All 18 Dockerfile instructions, in the order the Dockerfile reference introduces them.
import type { InstructionFact } from '../types';
import { ARG, FROM, ONBUILD, RUN, SHELL } from './build';
import { ADD, COPY, USER, VOLUME, WORKDIR } from './files';

export { ADD_SOURCES, COPY_SOURCES, type SourceFact, type AddSourceKind, type CopySourceKind } from './files';
import { ENV, LABEL, MAINTAINER } from './metadata';
import { CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, STOPSIGNAL } from './runtime';

export const INSTRUCTIONS: readonly InstructionFact[] = [
  FROM,
  RUN,
  CMD,
  LABEL,
  MAINTAINER,
  EXPOSE,
  ENV,
  ADD,
  COPY,
  ENTRYPOINT,
  VOLUME,
  USER,
  WORKDIR,
  ARG,
  ONBUILD,
  STOPSIGNAL,
  HEALTHCHECK,
  SHELL,
];
