// Instructions that describe how containers from the image run:
// CMD, ENTRYPOINT, HEALTHCHECK, STOPSIGNAL and EXPOSE.
import type { FlagFact, InstructionFact } from '../types';
import { lines, referenceUrl } from '../util';

export const CMD: InstructionFact = {
  name: 'CMD',
  doc: {
    summary:
      'Sets the default command a container runs, or, after an `ENTRYPOINT`, its default arguments. Nothing runs at build time.',
    details:
      'Prefer the exec form `CMD ["app", "--port", "8080"]`: the program runs as PID 1 and receives stop signals. ' +
      'Arguments given to `docker run image ...` replace `CMD` entirely, which makes it the right place for defaults users may override; ' +
      'use `ENTRYPOINT` for the program the image must always run. Only the last `CMD` of a stage counts.',
    example: lines('ENTRYPOINT ["python", "-m", "http.server"]', 'CMD ["8000"]'),
    pitfall:
      "The exec form is JSON and needs double quotes. `CMD ['npm', 'start']` is not valid JSON, so it silently falls back to the shell form and runs the text `['npm', 'start']` as a command.",
  },
  forms: [
    {
      label: 'CMD ["<executable>", "<param>", ...]',
      kind: 'exec',
      parameters: [
        { label: '"<executable>"', doc: 'The program to run, as a JSON string.' },
        { label: '"<param>", ...', doc: 'Its arguments, each a double-quoted JSON string.' },
      ],
      doc: 'Exec form (preferred): runs the program directly, as PID 1.',
    },
    {
      label: 'CMD ["<param>", ...]',
      kind: 'exec',
      parameters: [{ label: '"<param>", ...', doc: 'Default arguments appended to the `ENTRYPOINT`.' }],
      doc: 'Default arguments for an exec-form `ENTRYPOINT`.',
    },
    {
      label: 'CMD <command>',
      kind: 'shell',
      parameters: [{ label: '<command>', doc: 'A command line run by the shell (`/bin/sh -c`).' }],
      doc: 'Shell form: runs under the shell, which then does not pass stop signals on.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('cmd'),
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'CMD ["${1:executable}", "${2:param}"]',
};

export const ENTRYPOINT: InstructionFact = {
  name: 'ENTRYPOINT',
  doc: {
    summary:
      'Sets the program every container of the image runs. `CMD` and the arguments of `docker run` are passed to it as arguments.',
    details:
      'Use it when the image behaves like a command (`docker run myimage --help`), or for a wrapper script that prepares the container and then starts the real program. ' +
      'Write it in exec form so the program runs as PID 1 and gets `SIGTERM` from `docker stop`. `docker run --entrypoint` replaces it.',
    example: lines(
      'COPY docker-entrypoint.sh /usr/local/bin/',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["postgres"]',
    ),
    pitfall:
      'In shell form (`ENTRYPOINT python app.py`) the program runs under `/bin/sh -c`: `CMD` and run arguments are ignored and the shell does not pass on `SIGTERM`, so `docker stop` waits and then kills it. A wrapper script should end with `exec "$@"`.',
  },
  forms: [
    {
      label: 'ENTRYPOINT ["<executable>", "<param>", ...]',
      kind: 'exec',
      parameters: [
        { label: '"<executable>"', doc: 'The program to run, as a JSON string.' },
        { label: '"<param>", ...', doc: 'Fixed arguments; `CMD` and run arguments come after them.' },
      ],
      doc: 'Exec form (preferred).',
    },
    {
      label: 'ENTRYPOINT <command>',
      kind: 'shell',
      parameters: [{ label: '<command>', doc: 'A command line run by the shell; `CMD` and run arguments are ignored.' }],
      doc: 'Shell form: runs under the shell.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('entrypoint'),
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'ENTRYPOINT ["${1:executable}"]',
};

const HEALTHCHECK_URL = referenceUrl('healthcheck');

function durationFlag(name: string, defaultValue: string, doc: FlagFact['doc'], since?: '1.6', zeroMeansDefault = false): FlagFact {
  return {
    name,
    value: { kind: 'duration' },
    placeholder: defaultValue,
    repeatable: false,
    // --start-interval came to both channels in 1.6.
    ...(since ? { since, labsSince: since } : {}),
    default: defaultValue,
    ...(zeroMeansDefault ? { zeroMeansDefault } : {}),
    expandsVariables: false,
    referenceUrl: HEALTHCHECK_URL,
    doc,
  };
}

const DURATION_HINT = 'A duration with a unit: `30s`, `1m30s`, `500ms`.';
const DURATION_PITFALL = 'A bare number other than `0` is rejected: write `30s`, not `30`.';
/** Docker Engine reads a zero interval, timeout or start interval as unset (daemon/health.go, timeoutWithDefault). */
const zeroIsDefault = (what: string, defaultValue = '30s'): string =>
  `\`0s\` does not mean ${what}: Docker reads a zero as unset and uses the default \`${defaultValue}\`. ${DURATION_PITFALL}`;

export const HEALTHCHECK: InstructionFact = {
  name: 'HEALTHCHECK',
  doc: {
    summary:
      'Tells Docker how to test that a running container still works; its status becomes `healthy` or `unhealthy` from the exit code of a command.',
    details:
      'The command runs inside the container every `--interval`: exit code 0 means healthy, 1 unhealthy (2 is reserved). ' +
      'After `--retries` failures in a row the container is `unhealthy`, which Compose (`condition: service_healthy`) and orchestrators act on. ' +
      '`HEALTHCHECK NONE` switches off a check inherited from the base image. Only the last `HEALTHCHECK` of a stage counts.',
    example: lines(
      'HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\',
      '  CMD curl -fsS http://localhost:8080/health || exit 1',
    ),
    pitfall:
      'The command runs inside the container, so its tool must be in the image: slim and distroless images often lack `curl`. Plain Docker only reports `unhealthy`; it does not restart the container.',
  },
  forms: [
    {
      label: 'HEALTHCHECK [OPTIONS] CMD <command>',
      kind: 'plain',
      parameters: [
        {
          label: '[OPTIONS]',
          doc: 'Optional `--interval`, `--timeout`, `--start-period`, `--start-interval` and `--retries`.',
        },
        { label: '<command>', doc: 'A shell command or a JSON array, run inside the container.' },
      ],
      doc: 'Check the container with a command.',
      guide: {
        summary:
          'Sets the command Docker runs inside the running container to test it. Its exit code is the verdict: `0` means healthy, `1` unhealthy.',
        details:
          'In exec form, `CMD ["/app/healthcheck", "--quiet"]`, the program runs directly, with no shell. ' +
          'In shell form, `CMD curl -f http://localhost/ || exit 1`, the text runs through the image\'s shell (`/bin/sh -c` unless `SHELL` changed it), so `||`, pipes and `$VARIABLES` work; they are read when the check runs, not at build time. ' +
          'It runs as the container\'s user, in its working directory (`USER` and `WORKDIR`). Docker treats every exit code other than `0` as a failure, but reserves `2`: exit with `1` to report a problem.',
        example: lines('HEALTHCHECK --interval=30s --timeout=3s \\', '  CMD wget -q --spider http://localhost:8080/health || exit 1'),
        pitfall:
          'The exec form has no shell: in `CMD ["curl", "-f", "http://localhost/", "||", "exit", "1"]` the `||` is just one more argument to curl. Use the shell form when the command needs shell syntax.',
      },
    },
    {
      label: 'HEALTHCHECK NONE',
      kind: 'plain',
      parameters: [],
      doc: 'Disable any health check inherited from the base image.',
    },
  ],
  flags: [
    durationFlag(
      'interval',
      '30s',
      {
        summary: 'Time between checks, counted from container start and then from the end of each check.',
        details: `${DURATION_HINT} Shorter intervals notice failures sooner but run the command more often.`,
        example: 'HEALTHCHECK --interval=1m CMD ./healthcheck',
        pitfall: zeroIsDefault('checking without a pause'),
      },
      undefined,
      true,
    ),
    durationFlag(
      'timeout',
      '30s',
      {
        summary: 'How long one check may run before it counts as failed; the check process is then killed.',
        details: `${DURATION_HINT} Keep it well below the interval.`,
        example: 'HEALTHCHECK --timeout=5s CMD ./healthcheck',
        pitfall: zeroIsDefault('no time limit'),
      },
      undefined,
      true,
    ),
    durationFlag('start-period', '0s', {
      summary: 'Grace time after the container starts, during which failed checks do not count toward `--retries`.',
      details: `${DURATION_HINT} A successful check ends the grace period early. Give slow starters, such as JVM apps, enough time here.`,
      example: 'HEALTHCHECK --start-period=60s CMD ./healthcheck',
      pitfall: DURATION_PITFALL,
    }),
    durationFlag(
      'start-interval',
      '5s',
      {
        summary: 'Time between checks during the start period, so a container can be reported healthy soon after it is ready.',
        details: `${DURATION_HINT} Takes effect on Docker Engine 25 or later.`,
        example: 'HEALTHCHECK --start-period=60s --start-interval=2s CMD ./healthcheck',
        pitfall: zeroIsDefault('checking without a pause', '5s'),
      },
      '1.6',
      true,
    ),
    {
      name: 'retries',
      value: { kind: 'integer', min: 0 },
      placeholder: '3',
      repeatable: false,
      default: '3',
      zeroMeansDefault: true,
      expandsVariables: false,
      referenceUrl: HEALTHCHECK_URL,
      doc: {
        summary: 'How many failed checks in a row mark the container `unhealthy`.',
        details: 'A whole number, 0 or more. Raise it for checks that fail now and then under load.',
        example: 'HEALTHCHECK --retries=5 CMD ./healthcheck',
        pitfall:
          '`--retries=0` does not mark the container unhealthy at the first failure: Docker reads a zero as unset and waits for 3. Write `--retries=1` for that.',
      },
    },
  ],
  referenceUrl: HEALTHCHECK_URL,
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:3s} CMD ${3:curl -f http://localhost/ || exit 1}',
};

export const STOPSIGNAL: InstructionFact = {
  name: 'STOPSIGNAL',
  doc: {
    summary:
      "Sets the signal `docker stop` sends to ask the container's main process to exit. The default is `SIGTERM`.",
    details:
      'Change it when the program shuts down gracefully on another signal, such as `SIGQUIT` for nginx and php-fpm or `SIGINT` for a fast PostgreSQL shutdown. ' +
      'If the process is still running after the stop timeout (10 seconds by default), Docker sends `SIGKILL`. ' +
      'Write a name (`SIGQUIT`) or a number (`3`); `docker run --stop-signal` overrides it.',
    example: 'STOPSIGNAL SIGQUIT',
    pitfall:
      'The signal reaches your program only if it runs as PID 1. With a shell-form `CMD` or `ENTRYPOINT` the shell often gets it instead, and the container waits for the timeout.',
  },
  forms: [
    {
      label: 'STOPSIGNAL <signal>',
      kind: 'plain',
      parameters: [{ label: '<signal>', doc: 'A signal name such as `SIGQUIT`, or its number.' }],
      doc: 'Set the stop signal.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('stopsignal'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'STOPSIGNAL ${1|SIGTERM,SIGINT,SIGQUIT,SIGKILL|}',
};

export const EXPOSE: InstructionFact = {
  name: 'EXPOSE',
  doc: {
    summary:
      'Records which ports the application in the container listens on, with an optional protocol: `tcp` (the default), `udp` or `sctp`.',
    details:
      'It does not open or publish anything; it is documentation that tools can read. `docker run -P` publishes every exposed port on a random host port. ' +
      'To choose the host port, use `docker run -p 8080:80`. Ranges such as `8000-8010` are allowed.',
    example: lines('EXPOSE 80', 'EXPOSE 53/udp'),
    pitfall:
      'A host mapping (`EXPOSE 8080:80`) or an IP address does not publish anything, is deprecated and will become an error. Pick host ports at `docker run -p` time.',
  },
  forms: [
    {
      label: 'EXPOSE <port>[/<protocol>] ...',
      kind: 'plain',
      parameters: [
        { label: '<port>', doc: 'A port number, or a range such as `8000-8010`.' },
        { label: '[/<protocol>]', doc: 'Optional `tcp` (default), `udp` or `sctp`, in lowercase.' },
      ],
      doc: 'One or more ports.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('expose'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'EXPOSE ${1:8080}',
};
