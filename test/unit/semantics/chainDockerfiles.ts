// Random small Dockerfiles made of FROM chains, for the properties of stage scopes: stages built
// FROM earlier ones (some with a --platform of the other OS) or FROM a Linux or Windows image, with
// ARG, ENV, ONBUILD ARG and ONBUILD ENV lines whose values read earlier names, and uses of them.
import fc from 'fast-check';

/** Names that differ only in case (one variable in a Windows stage) and PATH, which inheritance treats apart. */
export const CHAIN_NAMES = ['PATH', 'path', 'Path', 'A', 'a', 'B', 'MyVar', 'MYVAR'];

const name = fc.constantFrom(...CHAIN_NAMES);
const value = fc.oneof(
  fc.constantFrom('x', 'C:\\dir', ''),
  name.map((n) => `$${n}`),
  name.map((n) => `\${${n}:-d}`),
  name.map((n) => `$${n}/x`),
);
const pair = fc.tuple(name, value).map(([n, v]) => `${n}=${v}`);
const argWord = fc.oneof(name, pair);

const line = fc.oneof(
  fc.array(argWord, { minLength: 1, maxLength: 2 }).map((words) => `ARG ${words.join(' ')}`),
  fc.array(pair, { minLength: 1, maxLength: 2 }).map((pairs) => `ENV ${pairs.join(' ')}`),
  fc.array(argWord, { minLength: 1, maxLength: 2 }).map((words) => `ONBUILD ARG ${words.join(' ')}`),
  fc.array(pair, { minLength: 1, maxLength: 2 }).map((pairs) => `ONBUILD ENV ${pairs.join(' ')}`),
  name.map((n) => `RUN echo $${n} %${n}%`),
  name.map((n) => `COPY \${${n}:-src} /dst`),
  name.map((n) => `WORKDIR /w/$${n}`),
  name.map((n) => `ONBUILD RUN echo $${n}`),
);

const ROOTS = ['alpine', 'mcr.microsoft.com/windows/servercore:ltsc2022'];

interface StageShape {
  /** An earlier stage to build FROM, else a root image. */
  base: number | undefined;
  root: number;
  /** For a stage built FROM another: a --platform, of the other OS or the same. */
  platform: string | undefined;
  lines: string[];
}

const stage = (index: number): fc.Arbitrary<StageShape> =>
  fc.record({
    base: index === 0 ? fc.constant(undefined) : fc.option(fc.nat(index - 1), { freq: 5, nil: undefined }),
    root: fc.nat(1),
    platform: fc.option(fc.constantFrom('windows/amd64', 'linux/amd64'), { freq: 4, nil: undefined }),
    lines: fc.array(line, { maxLength: 6 }),
  });

/** The text of a Dockerfile: global ARGs, then 1 to `maxStages` stages `s0`, `s1`, …, each ending with a LABEL. */
export function chainDockerfile(maxStages = 6): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(argWord, { maxLength: 2 }),
      fc.integer({ min: 1, max: maxStages }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => stage(i)))),
    )
    .map(([globals, stages]) => {
      const lines = globals.map((word) => `ARG ${word}`);
      stages.forEach((s, i) => {
        const platform = s.base !== undefined && s.platform ? `--platform=${s.platform} ` : '';
        lines.push(`FROM ${platform}${s.base === undefined ? ROOTS[s.root] : `s${s.base}`} AS s${i}`, ...s.lines, 'LABEL end=1');
      });
      return lines.join('\n') + '\n';
    });
}
