// Instructions that set image metadata and environment: LABEL, MAINTAINER and ENV.
import type { InstructionFact } from '../types';
import { lines, referenceUrl } from '../util';

export const LABEL: InstructionFact = {
  name: 'LABEL',
  doc: {
    summary: 'Adds key-value metadata to the image, such as its version, source repository or licence.',
    details:
      'Labels cost nothing at run time and are shown by `docker image inspect`. Prefer the standard `org.opencontainers.image.*` keys ' +
      '(`source`, `version`, `licenses`, `authors`) so registries and scanners understand them. ' +
      'Several pairs fit in one instruction; quote values with spaces. Labels from the base image are inherited, and a later value for the same key wins.',
    example: lines(
      'LABEL org.opencontainers.image.source="https://github.com/acme/api" \\',
      '      org.opencontainers.image.licenses="MIT"',
    ),
    pitfall:
      'The old `LABEL key value` form (no `=`) sets a single label whose value is the whole rest of the line. Always write `key=value`.',
  },
  forms: [
    {
      label: 'LABEL <key>=<value> [<key>=<value>...]',
      kind: 'plain',
      parameters: [
        { label: '<key>=<value>', doc: 'A label; quote the value if it contains spaces. Variables are expanded.' },
        { label: '[<key>=<value>...]', doc: 'More labels in the same instruction.' },
      ],
      doc: 'Set one or more labels.',
    },
    {
      label: 'LABEL <key> <value>',
      kind: 'plain',
      parameters: [
        { label: '<key>', doc: 'The label: a first word without `=`.' },
        { label: '<value>', doc: 'The rest of the line, spaces included. Variables in it are expanded.' },
      ],
      doc: 'The legacy form: one label, its value the rest of the line. BuildKit warns about it (LegacyKeyValueFormat); prefer `LABEL <key>=<value>`.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('label'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'LABEL ${1:key}="${2:value}"',
};

export const MAINTAINER: InstructionFact = {
  name: 'MAINTAINER',
  doc: {
    summary: 'Records the author of the image in its metadata.',
    details:
      'It fills a single free-text author field that few tools read. The label `org.opencontainers.image.authors` does the same job in the standard place. ' +
      "BuildKit's `MaintainerDeprecated` check warns about it.",
    example: 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    pitfall: 'It cannot be an `ONBUILD` trigger. Nothing else depends on it, so replacing it with the label above is always safe.',
  },
  forms: [
    {
      label: 'MAINTAINER <name>',
      kind: 'plain',
      parameters: [{ label: '<name>', doc: 'Free text, usually a name and e-mail address.' }],
      doc: 'Deprecated; write a label instead.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('maintainer-deprecated'),
  deprecated: 'Use `LABEL org.opencontainers.image.authors="..."` instead.',
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: false,
  snippet: 'MAINTAINER ${1:name}',
};

export const ENV: InstructionFact = {
  name: 'ENV',
  doc: {
    summary:
      'Sets environment variables for the rest of the stage. They stay in the image, so every container started from it has them too.',
    details:
      'Use it for settings the running program needs (`PATH`, `NODE_ENV=production`). For values needed only while building, use `ARG`, ' +
      'or set the variable on one command: `RUN DEBIAN_FRONTEND=noninteractive apt-get install ...`. ' +
      'References within one `ENV` see the values from before it. An `ENV` overrides an earlier `ARG` of the same name; a later `ARG` with a value overrides it while the image builds, though the image keeps the `ENV`.',
    example: lines('ENV APP_HOME=/app \\', '    PATH="/app/bin:$PATH"'),
    pitfall:
      'Anyone with the image can read its environment (`docker image inspect`), so never put passwords or tokens in `ENV`. Use a secret mount for credentials the build needs.',
  },
  forms: [
    {
      label: 'ENV <key>=<value> [<key>=<value>...]',
      kind: 'plain',
      parameters: [
        { label: '<key>=<value>', doc: 'A variable; quote the value if it contains spaces. Variables in it are expanded.' },
        { label: '[<key>=<value>...]', doc: 'More variables in the same instruction.' },
      ],
      doc: 'Set one or more environment variables.',
    },
    {
      label: 'ENV <key> <value>',
      kind: 'plain',
      parameters: [
        { label: '<key>', doc: 'The variable: a first word without `=`.' },
        { label: '<value>', doc: 'The rest of the line, spaces included. Variables in it are expanded.' },
      ],
      doc: 'The legacy form: one variable, its value the rest of the line. BuildKit warns about it (LegacyKeyValueFormat); prefer `ENV <key>=<value>`.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('env'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'ENV ${1:KEY}=${2:value}',
};
