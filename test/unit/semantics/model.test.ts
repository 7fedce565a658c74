import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/semantics';
import { SyntaxTree } from '../../../server/src/syntax';

function model(text: string) {
  const m = analyze(SyntaxTree.parse(text));
  const at = (s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);
  return { m, at };
}

describe('semantic model', () => {
  it('stages with names, images, platforms, ranges and bases', () => {
    const text = 'ARG V=1\nFROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nRUN go build\n\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /b\n';
    const { m, at } = model(text);
    expect(m.stages.map((s) => [s.index, s.name, s.nameLower, s.image, s.platform, s.base?.index])).toEqual([
      [0, 'Build', 'build', 'golang:1.22', '$BUILDPLATFORM', undefined],
      [1, 'test', 'test', 'build', undefined, 0],
      [2, undefined, undefined, 'scratch', undefined, undefined],
    ]);
    expect(at(m.stages[0])).toBe('FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nRUN go build\n\n');
    expect(m.stageReferences.map((r) => [r.kind, at(r.span), r.stage?.index])).toEqual([
      ['from', 'golang:1.22', undefined],
      ['from', 'build', 0],
      ['from', 'scratch', undefined],
      ['copy-from', 'build', 0],
    ]);
  });

  it('the nodes of each part: before the first FROM, then each stage to the next FROM', () => {
    // Nodes: comment, ARG, blank, FROM, RUN, comment, FROM.
    const { m } = model('# top\nARG V=1\n\nFROM a\nRUN x\n# next\nFROM b\n');
    expect([-1, 0, 1].map((s) => m.partNodes(s))).toEqual([
      { first: 0, end: 3 },
      { first: 3, end: 6 },
      { first: 6, end: 7 },
    ]);
    expect(model('ARG V=1\n').m.partNodes(-1)).toEqual({ first: 0, end: 1 });
    expect(model('FROM a\n').m.partNodes(-1)).toEqual({ first: 0, end: 0 });
  });

  it('FROM sees global ARGs; stages see them only when declared again', () => {
    const text = 'ARG BASE=alpine TAG=3.20\nFROM ${BASE}:${TAG}\nRUN echo $TAG\nARG TAG\nRUN echo $TAG\n';
    const { m } = model(text);
    expect(m.uses.map((u) => [u.name, u.stage, u.declaration?.stage, u.value, u.expandedByBuilder])).toEqual([
      ['BASE', -1, -1, 'alpine', true],
      ['TAG', -1, -1, '3.20', true],
      ['TAG', 0, undefined, undefined, false],
      ['TAG', 0, 0, '3.20', false],
    ]);
  });

  it('ONBUILD ARG and ENV set their variables in the stages built FROM that stage, with those stages\' values, and only there', () => {
    const text = [
      'ARG G=global',
      'FROM alpine AS base',
      'ENV X=base',
      'ONBUILD ENV APP=/srv/$X SELF=$APP',
      'ONBUILD ARG VER=1 G',
      'LABEL own=$APP',
      'FROM base AS child',
      'ENV X=child',
      'LABEL a=$APP s=$SELF v=$VER g=$G',
      'FROM child',
      'LABEL grand=$APP',
      '',
    ].join('\n');
    const { m, at } = model(text);
    // The LABEL uses (those in the triggers are expanded by the later build).
    const labels = m.uses.filter((u) => u.expansion === 'builder');
    expect(labels.map((u) => [u.name, u.stage, u.declaration && at(u.declaration.span), u.declaration?.trigger, u.value])).toEqual([
      // Not in the trigger's own stage.
      ['APP', 0, undefined, undefined, undefined],
      // In the stage built FROM it, run first: X is still the base's value then, and SELF sees APP from before the trigger.
      ['APP', 1, 'APP=/srv/$X', true, '/srv/base'],
      ['SELF', 1, 'SELF=$APP', true, undefined],
      ['VER', 1, 'VER=1', true, '1'],
      ['G', 1, 'G', true, 'global'],
      // Run once: the stage built FROM that one inherits the ENV, not the trigger.
      ['APP', 2, 'APP=/srv/$X', true, '/srv/base'],
    ]);
  });

  it('a variable in an ONBUILD trigger sees what a build FROM the image has as it runs the trigger: the image\'s ENV and the earlier triggers, not the stage\'s ARGs', () => {
    const text = [
      'ARG G=global',
      'FROM alpine AS base',
      'ENV E=env',
      'ARG A=arg',
      'ENV S=env',
      'ARG S=arg',
      'ONBUILD ARG B=$A C=$E D=$C G',
      'ONBUILD ENV P=$C Q=$P',
      'ONBUILD RUN echo $A $E $S $G $B $D $P $Q $L',
      'ONBUILD CMD echo $C $P',
      'ENV L=late',
      'FROM base',
      'RUN echo $B $S',
      '',
    ].join('\n');
    const { m, at } = model(text);
    const line = (u: { span: { start: number } }) => text.slice(0, u.span.start).split('\n').length;
    expect(m.uses.filter((u) => u.stage >= 0).map((u) => [line(u), u.name, u.expansion, at(u.declaration?.span), u.declaration?.trigger, u.value])).toEqual([
      // A stage ARG is not in the image (a stage of this file built FROM it would have its value: see the last line).
      [7, 'A', 'trigger', undefined, undefined, undefined],
      [7, 'E', 'trigger', 'E=env', undefined, 'env'],
      // An ARG default sees the ARGs before it in its own trigger.
      [7, 'C', 'trigger', 'C=$E', true, 'env'],
      [8, 'C', 'trigger', 'C=$E', true, 'env'],
      // An ENV value sees only what was set before its trigger.
      [8, 'P', 'trigger', undefined, undefined, undefined],
      [9, 'A', 'trigger', undefined, undefined, undefined],
      [9, 'E', 'trigger', 'E=env', undefined, 'env'],
      // The image keeps the ENV, whose value every build FROM it sees again, this file's too: the ARG that overrode it is gone.
      [9, 'S', 'trigger', 'S=env', undefined, 'env'],
      // Without a default, the value is the running build's.
      [9, 'G', 'trigger', 'G', true, undefined],
      [9, 'B', 'trigger', 'B=$A', true, undefined],
      [9, 'D', 'trigger', 'D=$C', true, 'env'],
      [9, 'P', 'trigger', 'P=$C', true, 'env'],
      [9, 'Q', 'trigger', 'Q=$P', true, undefined],
      // The triggers run after the whole stage: an ENV below them is in the image.
      [9, 'L', 'trigger', 'L=late', undefined, 'late'],
      // A container sees ENV only.
      [10, 'C', 'trigger', undefined, undefined, undefined],
      [10, 'P', 'trigger', 'P=$C', true, 'env'],
      // The stage of this file built FROM it runs the triggers with its own scope, the base's ARGs included,
      // except where the image's ENV of the same name comes back (BuildKit lays the image config's ENV over the inherited state).
      [13, 'B', 'build-shell', 'B=$A', true, 'arg'],
      [13, 'S', 'build-shell', 'S=env', undefined, 'env'],
    ]);
    // The declarations have the values they get as the triggers run; an ARG without a default the global's.
    expect(m.declarations.filter((d) => d.trigger).map((d) => [d.name, d.value])).toEqual([
      ['B', undefined],
      ['C', 'env'],
      ['D', 'env'],
      ['G', 'global'],
      ['P', 'env'],
      ['Q', undefined],
    ]);
    // What completion offers in a trigger: the same scope, before the trigger.
    const scope = m.triggerScopeAt(text.indexOf('ONBUILD RUN'));
    expect([...scope].map(([name, b]) => [name, b.declaration?.kind, b.declaration?.trigger, b.value])).toEqual([
      ['E', 'env', undefined, 'env'],
      ['S', 'env', undefined, 'env'],
      ['L', 'env', undefined, 'late'],
      ['B', 'arg', true, undefined],
      ['C', 'arg', true, 'env'],
      ['D', 'arg', true, 'env'],
      ['G', 'arg', true, undefined],
      ['P', 'env', true, 'env'],
      ['Q', 'env', true, undefined],
    ]);
  });

  it('an ONBUILD ARG without a default is one variable with the global ARG it takes its value from, as a stage ARG is', () => {
    const { m, at } = model('ARG G=global\nFROM alpine AS base\nONBUILD ARG G\nFROM base\nRUN echo $G\n');
    const trigger = m.declarations.find((d) => d.trigger)!;
    expect([at(trigger.span), at(trigger.inherits?.span), trigger.value]).toEqual(['G', 'G=global', 'global']);
    expect(m.uses.map((u) => [u.name, u.stage, u.declaration === trigger, u.value])).toEqual([['G', 1, true, 'global']]);
  });

  it('a CMD is the script of the shell an ONBUILD ENTRYPOINT of the base stage sets first, unless the stage sets its own', () => {
    const base = 'FROM alpine AS base\nENV X=1\nONBUILD ENTRYPOINT ["/bin/sh", "-c"]\nCMD ["echo $X"]\n';
    const { m } = model(`${base}FROM base\nCMD ["echo $X"]\nFROM base\nENTRYPOINT ["/app"]\nCMD ["echo $X"]\n`);
    expect(m.uses.filter((u) => u.name === 'X').map((u) => [u.stage, u.expansion])).toEqual([
      [0, 'none'],
      [1, 'runtime-shell'],
      [2, 'none'],
    ]);
  });

  it('ENV sees values from before its own instruction; ENV and ARG replace each other in order, as BuildKit sets them', () => {
    // An ARG with a value replaces an ENV while the image builds (BuildKit adds it to the build's
    // environment); the image keeps the ENV, which the container sees. One without a value sets nothing.
    const text = 'FROM a\nARG X=arg\nENV X=env Y=$X\nENV Z=$X\nARG X=later\nLABEL l=$X\nCMD echo $X\nARG X\nLABEL m=$X\n';
    const { m } = model(text);
    expect(m.uses.map((u) => [u.name, u.declaration?.kind, u.value, u.expansion])).toEqual([
      ['X', 'arg', 'arg', 'builder'],
      ['X', 'env', 'env', 'builder'],
      ['X', 'arg', 'later', 'builder'],
      ['X', 'env', 'env', 'runtime-shell'],
      ['X', 'arg', 'later', 'builder'],
    ]);
    expect(m.declarations.map((d) => [d.kind, d.name, d.value])).toEqual([
      ['arg', 'X', 'arg'],
      ['env', 'X', 'env'],
      ['env', 'Y', 'arg'],
      ['env', 'Z', 'env'],
      ['arg', 'X', 'later'],
      ['arg', 'X', undefined],
    ]);
    // A stage ARG without a default takes the global's value, and so replaces the base stage's ENV too;
    // an ONBUILD ARG with a value does the same where it runs.
    const chain = model('ARG G=global\nFROM a AS base\nENV G=env T=env\nONBUILD ARG T=trigger\nFROM base\nARG G\nLABEL g=$G t=$T\nCMD echo $G $T\n');
    expect(chain.m.uses.map((u) => [u.name, u.declaration?.kind, u.value])).toEqual([
      ['G', 'arg', 'global'],
      ['T', 'arg', 'trigger'],
      ['G', 'env', 'env'],
      ['T', 'env', 'env'],
    ]);
  });

  it('a stage ARG SOURCE_DATE_EPOCH takes the epoch BuildKit resolves from the global default: unknown unless a number strconv.ParseInt reads', () => {
    // dockerfile2llb: resolveSourceDateEpochValue, then setBuildArgValue puts the Unix time back (or removes the argument).
    const values = (global: string) =>
      model(`ARG SOURCE_DATE_EPOCH=${global}\nARG OTHER=${global}\nFROM alpine\nARG SOURCE_DATE_EPOCH OTHER\n`).m.declarations.map((d) => [d.name, d.stage, d.value]);
    expect(values('context')).toEqual([
      ['SOURCE_DATE_EPOCH', -1, 'context'],
      ['OTHER', -1, 'context'],
      ['SOURCE_DATE_EPOCH', 0, undefined],
      ['OTHER', 0, 'context'],
    ]);
    expect(values('1700000000')[2]).toEqual(['SOURCE_DATE_EPOCH', 0, '1700000000']);
    // A number strconv.ParseInt reads is the time itself, which BuildKit writes back plainly; one past 64 bits it refuses.
    expect(['007', '+5', '-0', '-42', '9223372036854775807', '-9223372036854775808', '0000000000000000000000001'].map((g) => values(g)[2][2])).toEqual([
      '7', '5', '0', '-42', '9223372036854775807', '-9223372036854775808', '1',
    ]);
    expect(['9223372036854775808', '-9223372036854775809', '+', '-', '1e3', '0x10', '1_000'].map((g) => values(g)[2][2])).toEqual(Array(7).fill(undefined));
    // A stage's own default is not read as the epoch, and is kept as written.
    expect(model('FROM alpine\nARG SOURCE_DATE_EPOCH=context\n').m.declarations[0].value).toBe('context');
  });

  it('a stage built FROM another inherits its variables; platform ARGs are predefined', () => {
    const text = 'FROM alpine AS base\nENV HOME_DIR=/srv\nFROM base\nWORKDIR $HOME_DIR\nARG TARGETARCH\nRUN echo $TARGETARCH\n';
    const { m } = model(text);
    expect(m.uses.map((u) => [u.name, u.declaration?.stage, u.value, u.predefined?.name])).toEqual([
      ['HOME_DIR', 0, '/srv', undefined],
      ['TARGETARCH', 1, undefined, 'TARGETARCH'],
    ]);
  });

  it('a stage built FROM another gets the base image\'s ENV back over the ARGs that overrode it, as BuildKit lays the config\'s ENV over the inherited state', () => {
    const text = 'FROM alpine AS base\nENV E=env\nARG E=arg P=plain PATH=/opt\nRUN echo $E $PATH\nFROM base\nRUN echo $E $P $PATH\n';
    const { m, at } = model(text);
    expect(m.uses.map((u) => [u.name, u.stage, at(u.declaration?.span), u.value])).toEqual([
      ['E', 0, 'E=arg', 'arg'],
      ['PATH', 0, 'PATH=/opt', '/opt'],
      ['E', 1, 'E=env', 'env'],
      // An ARG of a name the image config lacks stays in the inherited environment.
      ['P', 1, 'P=plain', 'plain'],
      // BuildKit always writes PATH into the config: the image's PATH, not known offline.
      ['PATH', 1, undefined, undefined],
    ]);
  });

  it('in a Windows stage built FROM another, the base\'s ENV comes back whatever the case of the ARG that overrode it', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nENV Foo=env\nARG FOO=arg Path=C:\\\\x\nFROM base\nRUN echo %foo% %PATH%\n';
    const { m, at } = model(text);
    expect(m.uses.map((u) => [u.name, at(u.declaration?.span), u.value])).toEqual([
      ['foo', 'Foo=env', 'env'],
      ['PATH', undefined, undefined],
    ]);
  });

  it('a stage ARG without a default is linked to the global ARG it takes its value from', () => {
    const { m } = model('ARG TAG=1\nARG TAG=2\nFROM a\nARG TAG\nARG OTHER\nFROM b\nARG TAG=3\n');
    expect(m.declarations.map((d) => [d.name, d.stage, d.value, d.inherits && m.declarations.indexOf(d.inherits)])).toEqual([
      ['TAG', -1, '1', undefined],
      ['TAG', -1, '2', undefined],
      ['TAG', 0, '2', 1],
      ['OTHER', 0, undefined, undefined],
      ['TAG', 1, '3', undefined],
    ]);
  });

  it('FROM images with global ARGs expanded when their values are known', () => {
    const { m } = model('ARG BASE=alpine TAG\nFROM ${BASE}:3.20\nFROM ${BASE}:${TAG}\nFROM $TARGETARCH/x\n');
    expect(m.stages.map((s) => s.resolvedImage)).toEqual(['alpine:3.20', undefined, undefined]);
  });

  it('ARG defaults see earlier ARGs of the same instruction', () => {
    const { m } = model('ARG A=1 B=${A}2\nFROM x\n');
    expect(m.globalArgs.map((d) => [d.name, d.value])).toEqual([
      ['A', '1'],
      ['B', '12'],
    ]);
  });

  it('stage references by index and from mounts, case-insensitively', () => {
    const text = 'FROM a AS Deps\nFROM b\nCOPY --from=0 /x /y\nRUN --mount=type=cache,from=DEPS,target=/t true\nCOPY --from=nginx:latest /a /b\n';
    const { m, at } = model(text);
    expect(m.stageReferences.filter((r) => r.kind !== 'from').map((r) => [r.kind, at(r.span), r.stage?.index, r.byIndex])).toEqual([
      ['copy-from', '0', 0, true],
      ['mount-from', 'DEPS', 0, false],
      ['copy-from', 'nginx:latest', undefined, false],
    ]);
  });

  it('stage numbers as BuildKit converts them: signed, within 64 bits, and only in COPY --from', () => {
    const text = 'FROM a AS one\nFROM b\nCOPY --from=+0 /x /y\nCOPY --from=-0 /x /y\nCOPY --from=-1 /x /y\nCOPY --from=99999999999999999999 /x /y\nRUN --mount=from=0,target=/t true\n';
    const { m, at } = model(text);
    expect(m.stageReferences.filter((r) => r.kind !== 'from').map((r) => [r.kind, at(r.span), r.stage?.index, r.byIndex])).toEqual([
      ['copy-from', '+0', 0, true],
      ['copy-from', '-0', 0, true],
      ['copy-from', '-1', undefined, true],
      ['copy-from', '99999999999999999999', undefined, false],
      ['mount-from', '0', undefined, false],
    ]);
  });

  it('FROM matches stage names exactly as BuildKit stores them (lower case)', () => {
    const { m } = model('FROM a AS BuildStage\nFROM BuildStage\nFROM buildstage\n');
    expect(m.stages.map((s) => s.base?.index)).toEqual([undefined, undefined, 0]);
  });

  it('what is visible at a position', () => {
    const text = 'ARG G=1\nFROM a\nARG S=2\nENV E=3\nRUN echo \n';
    const { m } = model(text);
    expect([...m.visibleAt(text.indexOf('echo ') + 5).keys()].sort()).toEqual(['E', 'S']);
    expect([...m.visibleAt(text.indexOf('FROM a') + 5).keys()]).toContain('G');
  });
});

describe('scope at a position', () => {
  it('a variable declared far up a FROM chain resolves to its declaration there, in each version', () => {
    // Twelve stages between the ARG and its use: past the few steps the model walks before it maps every part.
    const lines = ['FROM alpine AS s0', 'ARG DEEP=far', 'ENV NEAR=1'];
    for (let i = 1; i <= 12; i++) lines.push(`FROM s${i - 1} AS s${i}`, `RUN echo ${i}`);
    lines.push('RUN echo $DEEP $NEAR');
    const text = lines.join('\n') + '\n';
    const { m, at } = model(text);
    expect(m.uses.map((u) => [u.name, u.value, u.declaration?.stage, at(u.declaration?.nameSpan)])).toEqual([
      ['DEEP', 'far', 0, 'DEEP'],
      ['NEAR', '1', 0, 'NEAR'],
    ]);
    // After an edit in the middle stage the reused parts still resolve to this version's declarations.
    const at6 = text.indexOf('RUN echo 6');
    const next = analyze(SyntaxTree.parse(text).edit({ start: at6 + 9, end: at6 + 9, text: '6' }), m);
    const use = next.uses.find((u) => u.name === 'DEEP')!;
    expect([use.declaration?.stage, use.declaration === next.declarations.find((d) => d.name === 'DEEP')]).toEqual([0, true]);
  });

  it('a FROM line sees the global scope, even after other stages', () => {
    const text = 'ARG BASE=alpine\nFROM $BASE AS one\nENV LOCAL=1\nFROM $BASE AS two\n';
    const { m } = model(text);
    const visible = [...m.visibleAt(text.lastIndexOf('$BASE') + 1).keys()];
    expect(visible).toContain('BASE');
    expect(visible).toContain('TARGETPLATFORM');
    expect(visible).not.toContain('LOCAL');
  });

  it('every automatic predefined ARG is in the global scope, Windows OS versions included', () => {
    const { m } = model('FROM x\n');
    const visible = [...m.visibleAt(2).keys()].sort();
    expect(visible).toEqual(
      ['BUILDARCH', 'BUILDOS', 'BUILDOSVERSION', 'BUILDPLATFORM', 'BUILDVARIANT', 'TARGETARCH', 'TARGETOS', 'TARGETOSVERSION', 'TARGETPLATFORM', 'TARGETSTAGE', 'TARGETVARIANT'].sort(),
    );
  });

  it('shares the scope a stage ends with among the stages built FROM it: a FROM chain costs each stage its own variables', () => {
    // Counts the steps of every Map iteration while the model is built and its uses resolved: each
    // stage used to copy its base's whole scope, which grows by a trigger's ARG per stage (N²/2 steps).
    const chain = (stages: number): string => {
      const lines = ['FROM alpine AS s0', 'ENV E0=0'];
      for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, i % 2 ? `ONBUILD ARG X${i}=${i}` : `ONBUILD RUN echo $X${i - 1}`, `ENV E${i}=$E${i - 1}`);
      return lines.join('\n') + '\n';
    };
    const iteratorPrototype = Object.getPrototypeOf(new Map().entries()) as { next: () => unknown };
    const next = iteratorPrototype.next;
    const stepsToAnalyze = (stages: number): number => {
      let steps = 0;
      iteratorPrototype.next = function (this: unknown) {
        steps++;
        return next.call(this);
      };
      try {
        const built = analyze(SyntaxTree.parse(chain(stages)));
        const last = built.uses[built.uses.length - 1];
        expect([last.name, last.value, last.declaration?.stage]).toEqual([`E${stages - 2}`, '0', stages - 2]);
      } finally {
        iteratorPrototype.next = next;
      }
      return steps;
    };
    const [s100, s200, s400] = [100, 200, 400].map(stepsToAnalyze);
    expect(s400 - s200).toBe(2 * (s200 - s100));
    // The scopes handed out keep their order: what the last stage's last line (`ENV E5=$E4`) sees, as a
    // copy of each base's scope gave it.
    const { m } = model(chain(6));
    expect([...m.visibleAt(m.stages[5].end - 1).keys()]).toEqual(['E0', 'E1', 'X1', 'E2', 'E3', 'X3', 'E4']);
  });
});

describe('inheritedTriggerLookup', () => {
  it('answers each name as inheritedTriggerScope does, without copying the scope', () => {
    // An ARG over an ENV (the ENV comes back, PATH's too), a Windows stage FROM a Linux one
    // (names fold), and a trigger reading an earlier trigger.
    const text = [
      'FROM alpine AS a',
      'ENV OVER=env PATH=/p',
      'ARG OVER=arg',
      'ARG PATH=/q',
      'ARG PLAIN=1',
      'ONBUILD ARG T1=t1',
      'ONBUILD ENV T2=$T1',
      'ONBUILD RUN echo $T2',
      'FROM a AS b',
      'FROM --platform=windows/amd64 a AS c',
      '',
    ].join('\n');
    const m = analyze(SyntaxTree.parse(text));
    const names = ['OVER', 'over', 'PATH', 'PLAIN', 'plain', 'T1', 't1', 'T2', 'MISSING'];
    const triggers = [5, 6, 7].map((line) => m.stages[0].nodeIndex + line);
    const seen: string[] = [];
    for (const stage of [m.stages[1], m.stages[2]]) {
      for (const index of triggers) {
        const scope = m.inheritedTriggerScope(stage, index);
        const lookup = m.inheritedTriggerLookup(stage, index);
        for (const name of names) {
          expect(lookup.has(name)).toBe(scope.has(name));
          expect(lookup.get(name)).toEqual(scope.get(name));
          if (lookup.has(name)) seen.push(`${stage.name} ${index} ${name}=${lookup.get(name)?.value}`);
        }
      }
    }
    expect(seen).toEqual([
      'b 5 OVER=env',
      'b 5 PATH=/p',
      'b 5 PLAIN=1',
      'b 6 OVER=env',
      'b 6 PATH=/p',
      'b 6 PLAIN=1',
      'b 6 T1=t1',
      'b 7 OVER=env',
      'b 7 PATH=/p',
      'b 7 PLAIN=1',
      'b 7 T1=t1',
      'b 7 T2=t1',
      'c 5 OVER=env',
      'c 5 over=env',
      'c 5 PATH=/p',
      'c 5 PLAIN=1',
      'c 5 plain=1',
      'c 6 OVER=env',
      'c 6 over=env',
      'c 6 PATH=/p',
      'c 6 PLAIN=1',
      'c 6 plain=1',
      'c 6 T1=t1',
      'c 6 t1=t1',
      'c 7 OVER=env',
      'c 7 over=env',
      'c 7 PATH=/p',
      'c 7 PLAIN=1',
      'c 7 plain=1',
      'c 7 T1=t1',
      'c 7 t1=t1',
      'c 7 T2=t1',
    ]);
  });
});
