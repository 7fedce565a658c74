// Variable substitution in Dockerfiles: the `${name<operator>word}` forms the builder expands,
// with the frontend version that introduced each. Hover explains the operator under the cursor.
import type { Documentation, FrontendVersion } from './types';
import { referenceUrl } from './util';

export type SubstitutionOperator = ':-' | '-' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | '/' | '//';

export interface SubstitutionFact {
  readonly operator: SubstitutionOperator;
  /** How the form is written, e.g. '${name:-word}'. */
  readonly form: string;
  readonly doc: string;
  readonly since?: FrontendVersion;
  /**
   * The first `1.N-labs` frontend with the form, for needs-newer-frontend: the same release as
   * `since`, as both channels got these forms together (1.6.0: the forms without `:`; 1.7.0: `#`,
   * `%` and `/`). Absent for the forms every numbered release has, and for `:?`, which came in a
   * 1.1 patch release (a pin names only the minor release).
   */
  readonly labsSince?: FrontendVersion;
  /** What to know when a shell (RUN, CMD, …) expands the form rather than the builder: POSIX `sh` lacks some. */
  readonly inShell?: string;
}

/**
 * The PATH BuildKit gives a Linux stage whose base image sets none (its `emptyImage`), so every
 * Linux stage has a PATH: `ENV PATH=/opt/bin:$PATH` never reads an empty one. A Windows stage gets
 * none from BuildKit: its PATH is the base image's and Windows' own.
 */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Where the Dockerfile reference explains substitution. */
export const SUBSTITUTION_URL = referenceUrl('environment-replacement');

/** A `$NAME` a shell-form command holds in single quotes: the shell passes it on unexpanded. */
export interface SingleQuotedFact {
  readonly doc: Documentation;
  readonly referenceUrl: string;
}

export const SINGLE_QUOTED: SingleQuotedFact = {
  referenceUrl: referenceUrl('shell-and-exec-form'),
  doc: {
    summary:
      'Inside single quotes the shell expands nothing: the command gets the characters `$NAME` themselves, not the value of a variable.',
    details:
      'That is right when the text is meant for later: a line written into a script that a container runs, or a pattern for `sed` or `awk`. ' +
      'The shell that finally reads it expands the variable then, from the environment it has at that moment. ' +
      'For the value now, use double quotes (`"$NAME"`), or close the single quotes around it: `\'prefix\'"$NAME"\'suffix\'`.',
    example: [
      'ENV APP_HOME=/app',
      '# Expanded now: the script holds /app',
      'RUN echo "cd $APP_HOME" > /start.sh',
      '# Expanded when /start.sh runs, by the shell that runs it',
      "RUN echo 'cd $APP_HOME' > /start.sh",
    ].join('\n'),
    pitfall:
      "`RUN echo '$VERSION'` prints the name, not the build argument's value. " +
      'And a script that runs later in a container sees the `ENV` variables of the image, never an `ARG`: build arguments exist only while the image builds.',
  },
};

const PATTERN_NOTE = 'In the pattern, `*` matches any run of characters and `?` a single one.';
const NOT_POSIX = 'A shell expands it here, and POSIX `sh` has no such form: `dash`, the `/bin/sh` of Debian and Ubuntu, stops with "Bad substitution"; `bash` and BusyBox `ash` (Alpine) know it.';

export const SUBSTITUTIONS: readonly SubstitutionFact[] = [
  {
    operator: ':-',
    form: '${name:-word}',
    doc: 'Gives `word` when `name` is unset or empty, and the value of `name` otherwise. The usual way to write a fallback.',
  },
  {
    operator: '-',
    form: '${name-word}',
    since: '1.6',
    labsSince: '1.6',
    doc: 'Gives `word` only when `name` is unset; a variable set to an empty value stays empty.',
  },
  {
    operator: ':+',
    form: '${name:+word}',
    doc: 'Gives `word` when `name` is set and not empty, and nothing otherwise. Handy for optional flags: `${DEBUG:+--verbose}`.',
  },
  {
    operator: '+',
    form: '${name+word}',
    since: '1.6',
    labsSince: '1.6',
    doc: 'Gives `word` when `name` is set, even to an empty value, and nothing when it is unset.',
  },
  {
    operator: ':?',
    form: '${name:?message}',
    doc: 'Stops the build with `message` when `name` is unset or empty. The builder supports it although the Dockerfile reference does not list it.',
  },
  {
    operator: '?',
    form: '${name?message}',
    since: '1.6',
    labsSince: '1.6',
    doc: 'Stops the build with `message` when `name` is unset; an empty value is accepted.',
  },
  {
    operator: '#',
    form: '${name#pattern}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Removes the shortest start of the value that matches \`pattern\`. ${PATTERN_NOTE}`,
  },
  {
    operator: '##',
    form: '${name##pattern}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Removes the longest start of the value that matches \`pattern\`, e.g. \`\${PATH_VAR##*/}\` keeps the last path element. ${PATTERN_NOTE}`,
  },
  {
    operator: '%',
    form: '${name%pattern}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Removes the shortest end of the value that matches \`pattern\`, e.g. \`\${FILE%.*}\` drops the extension. ${PATTERN_NOTE}`,
  },
  {
    operator: '%%',
    form: '${name%%pattern}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Removes the longest end of the value that matches \`pattern\`. ${PATTERN_NOTE}`,
  },
  {
    operator: '/',
    inShell: NOT_POSIX,
    form: '${name/pattern/replacement}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Replaces the first match of \`pattern\` in the value with \`replacement\`. ${PATTERN_NOTE}`,
  },
  {
    operator: '//',
    inShell: NOT_POSIX,
    form: '${name//pattern/replacement}',
    since: '1.7',
    labsSince: '1.7',
    doc: `Replaces every match of \`pattern\` in the value with \`replacement\`. ${PATTERN_NOTE}`,
  },
];

const byOperator = new Map(SUBSTITUTIONS.map((s) => [s.operator, s]));

/** The substitution form of an operator such as ':-'. */
export function getSubstitution(operator: string): SubstitutionFact | undefined {
  return byOperator.get(operator as SubstitutionOperator);
}
