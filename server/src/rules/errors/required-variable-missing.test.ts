import { describe, it } from 'vitest';
import { requiredVariableMissing } from './required-variable-missing';
import { checkErrors } from './testing';

const rules = [requiredVariableMissing];

describe('required-variable-missing', () => {
  it('reports an undeclared name in a stage that starts from scratch, with and without a message', () => {
    checkErrors('FROM scratch\nWORKDIR $[${DIR:?set DIR}$]\nLABEL a=$[${A?}$] b=$[${B:?}$]\n', [
      ['required-variable-missing', `'DIR' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${DIR:?set DIR}' stops the build with the message "set DIR".`],
      ['required-variable-missing', `'A' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${A?}' stops the build: the builder refuses an unset A there.`],
      ['required-variable-missing', `'B' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${B:?}' stops the build: the builder refuses an unset B there.`],
    ], rules);
  });

  it('reports :? on a name an ENV sets to nothing, whatever the base image, but not ?', () => {
    checkErrors('FROM alpine\nENV E= Q=""\nCOPY $[${E:?}$] ${E?} /\nUSER $[${Q:?need Q}$]\n', [
      ['required-variable-missing', `'E' is empty here (its ENV sets it to nothing), so '\${E:?}' stops the build: the builder refuses an empty E there.`],
      ['required-variable-missing', `'Q' is empty here (its ENV sets it to nothing), so '\${Q:?need Q}' stops the build with the message "need Q".`],
    ], rules);
  });

  it('leaves names a --build-arg, the base image or a predefined ARG may set', () => {
    checkErrors(
      [
        'FROM scratch',
        'ARG NOVALUE',
        'ARG WITHDEFAULT=',
        'ENV EMPTYTHENARG=',
        'ARG EMPTYTHENARG',
        'LABEL a=${NOVALUE:?} b=${WITHDEFAULT:?} c=${EMPTYTHENARG:?} d=${HTTP_PROXY:?} e=${PATH:?}',
        'FROM alpine',
        'LABEL a=${UNKNOWN:?} b=${UNKNOWN?}',
        'FROM scratch',
        'ENV SET=x VIA=$SET',
        'LABEL a=${SET:?} b=${VIA:?}',
        '',
      ].join('\n'),
      [],
      rules,
    );
  });

  it('leaves shell text, ARG defaults and ONBUILD triggers in their own stage alone', () => {
    checkErrors('FROM scratch\nRUN echo ${X:?}\nCMD echo ${X:?}\nARG A=${X:?}\nONBUILD LABEL a=${X:?}\n', [], rules);
  });

  it('reports a global ARG used in a stage that does not declare it again', () => {
    checkErrors('ARG VERSION=1\nFROM scratch\nLABEL v=$[${VERSION:?}$]\nFROM scratch\nARG VERSION\nLABEL v=${VERSION:?}\n', [
      ['required-variable-missing', `'VERSION' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${VERSION:?}' stops the build: the builder refuses an unset VERSION there.`],
    ], rules);
  });

  it('follows the FROM chain: what a base stage declares is set, and the chain must start from scratch', () => {
    checkErrors(
      'FROM scratch AS base\nENV FROM_BASE=1\nFROM base\nLABEL a=${FROM_BASE:?} b=$[${OTHER?}$]\nFROM alpine AS image\nFROM image\nLABEL a=${OTHER:?}\n',
      [['required-variable-missing', `'OTHER' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${OTHER?}' stops the build: the builder refuses an unset OTHER there.`]],
      rules,
    );
  });

  it('does not take an empty ENV as certain when a base stage declares an ARG of the name', () => {
    checkErrors('FROM scratch AS base\nARG E\nFROM base\nENV E=\nLABEL a=${E:?}\n', [], rules);
  });

  it("reports :? on an empty ENV of a base stage that an ARG there overrode: a stage built FROM it sets the image's ENV again", () => {
    checkErrors(
      [
        'FROM scratch AS base',
        'ENV E=',
        'ARG E=x',
        'FROM base',
        'LABEL a=$[${E:?}$]',
        // Its own ARG, or an ONBUILD ARG of its base, runs after that.
        'FROM base AS own',
        'ARG E',
        'LABEL b=${E:?}',
        'FROM scratch AS trig',
        'ENV F=',
        'ONBUILD ARG F',
        'FROM trig',
        'LABEL c=${F:?}',
        '',
      ].join('\n'),
      [['required-variable-missing', `'E' is empty here (its ENV sets it to nothing), so '\${E:?}' stops the build: the builder refuses an empty E there.`]],
      rules,
    );
  });

  it('takes nothing as certain after an ENV whose key is a variable, in the stage, a base stage or a trigger', () => {
    checkErrors(
      [
        'FROM scratch',
        'ARG N=X',
        'ENV $N=1',
        'LABEL a=${X:?}',
        'FROM scratch AS base',
        'ARG N=E',
        'ENV ${N}=x',
        'FROM base',
        'ENV E=',
        'LABEL a=${E:?} b=${Y?}',
        'FROM scratch AS triggers',
        'ONBUILD ENV $N=1',
        'FROM triggers',
        'LABEL a=${Z:?}',
        // An ENV after the use changes nothing there.
        'FROM scratch',
        'LABEL a=$[${W:?}$]',
        'ENV $N=1',
        '',
      ].join('\n'),
      [['required-variable-missing', `'W' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${W:?}' stops the build: the builder refuses an unset W there.`]],
      rules,
    );
  });

  it('reports a platform ARG a stage uses without declaring it, which BuildKit sets for FROM lines only', () => {
    checkErrors('FROM scratch\nLABEL os=$[${TARGETOS:?}$]\nARG TARGETARCH\nLABEL arch=${TARGETARCH:?} proxy=${HTTP_PROXY:?}\n', [
      ['required-variable-missing', `'TARGETOS' is not set here (BuildKit sets it for FROM lines only, no ARG TARGETOS declares it in this stage, and the stage starts from scratch), so '\${TARGETOS:?}' stops the build: the builder refuses an unset TARGETOS there.`],
    ], rules);
  });

  it('takes a name an ONBUILD trigger of the base stage sets as set where the trigger runs', () => {
    checkErrors('FROM scratch AS base\nONBUILD ENV X=1\nFROM base\nWORKDIR /${X:?no x}\nFROM base AS other\nWORKDIR /$[${Y:?}$]\n', [
      ['required-variable-missing', `'Y' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${Y:?}' stops the build: the builder refuses an unset Y there.`],
    ], rules);
  });

  it('reports an ONBUILD trigger at the FROM of each stage built on its stage, which runs it first, not in stages built on those', () => {
    checkErrors('FROM scratch AS base\nONBUILD WORKDIR /${DIR:?set DIR}\nFROM $[base$] AS one\nFROM one\nFROM $[base$]\nENV DIR=/app\n', [
      ['required-variable-missing', `The ONBUILD WORKDIR of stage "base" runs first in this stage and fails here: 'DIR' is not set where it runs (no ARG or ENV of stage "base" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '\${DIR:?set DIR}' stops the build with the message "set DIR".`],
      // The stage's own ENV comes after the triggers it runs.
      ['required-variable-missing', `The ONBUILD WORKDIR of stage "base" runs first in this stage and fails here: 'DIR' is not set where it runs (no ARG or ENV of stage "base" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '\${DIR:?set DIR}' stops the build with the message "set DIR".`],
    ], rules);
  });

  it('reports ? on an unset name, a platform ARG, and :? on an ENV that sets nothing, in the base stage or in an earlier trigger', () => {
    checkErrors(
      [
        'FROM scratch AS unset',
        'ONBUILD LABEL a=${A?}',
        'FROM $[unset$]',
        'FROM scratch AS platform',
        'ONBUILD LABEL os=${TARGETOS:?}',
        'FROM $[platform$]',
        'FROM scratch AS empty',
        'ENV EMPTY=',
        'ONBUILD USER ${EMPTY:?} ${EMPTY?}',
        'FROM $[empty$]',
        'FROM scratch AS trigger',
        "ONBUILD ENV T=''",
        'ONBUILD COPY <<EOF /${T?}/',
        '${T:?need T}',
        'EOF',
        'FROM $[trigger$]',
        '',
      ].join('\n'),
      [
        ['required-variable-missing', `The ONBUILD LABEL of stage "unset" runs first in this stage and fails here: 'A' is not set where it runs (no ARG or ENV of stage "unset" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '\${A?}' stops the build: the builder refuses an unset A there.`],
        ['required-variable-missing', `The ONBUILD LABEL of stage "platform" runs first in this stage and fails here: 'TARGETOS' is not set where it runs (BuildKit sets it for FROM lines only, no ARG TARGETOS of stage "platform" or its FROM chain declares it, nor an ONBUILD ARG before this one, and the chain starts from scratch), so '\${TARGETOS:?}' stops the build: the builder refuses an unset TARGETOS there.`],
        ['required-variable-missing', `The ONBUILD USER of stage "empty" runs first in this stage and fails here: 'EMPTY' is empty where it runs (its ENV sets it to nothing), so '\${EMPTY:?}' stops the build: the builder refuses an empty EMPTY there.`],
        ['required-variable-missing', `The ONBUILD COPY of stage "trigger" runs first in this stage and fails here: 'T' is empty where it runs (its ENV sets it to nothing), so '\${T:?need T}' stops the build with the message "need T".`],
      ],
      rules,
    );
  });

  it('reads an ONBUILD ENV as BuildKit does: its words are expanded before it sets any', () => {
    checkErrors('FROM scratch AS base\nONBUILD ENV A=1 B=${A:?}\nFROM $[base$]\n', [
      ['required-variable-missing', `The ONBUILD ENV of stage "base" runs first in this stage and fails here: 'A' is not set where it runs (no ARG or ENV of stage "base" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '\${A:?}' stops the build: the builder refuses an unset A there.`],
    ], rules);
  });

  it('leaves ONBUILD triggers whose names the base stage, its chain, an earlier trigger, a --build-arg or an image may set', () => {
    checkErrors(
      [
        'FROM scratch AS root',
        'ENV FROM_ROOT=1',
        'FROM root AS base',
        'ENV FROM_ENV=1',
        'ARG FROM_ARG',
        'ARG WITH_DEFAULT=x',
        'ONBUILD ENV FROM_TRIGGER=1',
        'ONBUILD ARG TRIGGER_ARG',
        'ONBUILD LABEL a=${FROM_ENV:?} b=${FROM_ARG:?} c=${WITH_DEFAULT:?} d=${FROM_TRIGGER:?} e=${LATER:?} f=${HTTP_PROXY:?} g=${PATH:?} h=${FROM_ROOT:?} i=${TRIGGER_ARG:?}',
        // BuildKit runs the triggers after the whole stage.
        'ENV LATER=1',
        'ONBUILD RUN echo ${X:?}',
        'ONBUILD CMD echo ${X:?}',
        'ONBUILD ARG A=${X:?}',
        "ONBUILD COPY <<'EOF' /x",
        '${X:?}',
        'EOF',
        'FROM base',
        // An image may set anything.
        'FROM alpine AS image',
        'ONBUILD LABEL a=${X:?} b=${Y?}',
        'FROM image',
        // A stage no stage is built on never runs its triggers.
        'FROM scratch AS unused',
        'ONBUILD LABEL a=${X:?}',
        // A --build-arg for the later ARG replaces the empty ENV while building.
        'FROM scratch AS argempty',
        'ONBUILD ENV E=',
        'ONBUILD ARG E',
        'ONBUILD LABEL a=${E:?}',
        'FROM argempty',
        // An ENV with a variable key may set any name.
        'FROM scratch AS keyed',
        'ARG N=K',
        'ENV $N=1',
        'ONBUILD LABEL a=${K:?}',
        'FROM keyed',
        'FROM scratch AS keyedtrigger',
        'ONBUILD ENV $N=1',
        'ONBUILD LABEL a=${K:?}',
        'FROM keyedtrigger',
        '',
      ].join('\n'),
      [],
      rules,
    );
  });

  it("reports :? in a trigger on an empty ENV that an ARG of the base or its chain overrode: the stage that runs it sets the image's ENV again", () => {
    checkErrors(
      [
        'FROM scratch AS base',
        'ENV E=',
        'ARG E=x',
        'ONBUILD LABEL a=${E:?}',
        'FROM $[base$]',
        'FROM scratch AS root',
        'ENV F=',
        'FROM root AS mid',
        'ARG F',
        'ONBUILD WORKDIR /${F:?need F}',
        'FROM $[mid$]',
        // An ONBUILD ENV after an ONBUILD ARG overrides it where both run.
        'FROM scratch AS trigger',
        'ONBUILD ARG G=x',
        'ONBUILD ENV G=',
        'ONBUILD USER ${G:?}',
        'FROM $[trigger$]',
        '',
      ].join('\n'),
      [
        ['required-variable-missing', `The ONBUILD LABEL of stage "base" runs first in this stage and fails here: 'E' is empty where it runs (its ENV sets it to nothing), so '\${E:?}' stops the build: the builder refuses an empty E there.`],
        ['required-variable-missing', `The ONBUILD WORKDIR of stage "mid" runs first in this stage and fails here: 'F' is empty where it runs (its ENV sets it to nothing), so '\${F:?need F}' stops the build with the message "need F".`],
        ['required-variable-missing', `The ONBUILD USER of stage "trigger" runs first in this stage and fails here: 'G' is empty where it runs (its ENV sets it to nothing), so '\${G:?}' stops the build: the builder refuses an empty G there.`],
      ],
      rules,
    );
  });

  it('leaves :? in a trigger on an empty ENV when an ONBUILD ARG of the name runs before it, after the image\'s ENV', () => {
    checkErrors(
      [
        'FROM scratch AS base',
        'ENV E=',
        'ONBUILD ARG E',
        'ONBUILD LABEL a=${E:?}',
        'FROM base',
        'FROM scratch AS after',
        'ONBUILD ENV E=',
        'ONBUILD ARG E',
        'ONBUILD LABEL a=${E:?}',
        'FROM after',
        '',
      ].join('\n'),
      [],
      rules,
    );
  });

  it("takes nothing as certain for a name an ONBUILD ENV sets where BuildKit reads it otherwise than its line (with '# escape=`', parsed again with '\\')", () => {
    // One pair on the ONBUILD line (the backtick escapes the space); two where it runs: HOME_DIR is set there.
    checkErrors(
      [
        '# escape=`',
        'FROM scratch AS base',
        'ONBUILD ENV GREETING=hi` HOME_DIR=/srv',
        'ONBUILD WORKDIR ${HOME_DIR:?}/${VERSION:?}',
        'FROM $[base$]',
        'LABEL dir=${HOME_DIR:?} version=$[${VERSION:?}$]',
        // Where it runs, the trigger sets E after the empty ENV.
        'FROM scratch AS empty',
        'ENV E=',
        'ONBUILD ENV X=a` E=b',
        'ONBUILD LABEL e=${E:?}',
        'FROM empty',
        'LABEL e=${E:?}',
        '',
      ].join('\n'),
      [
        ['required-variable-missing', `The ONBUILD WORKDIR of stage "base" runs first in this stage and fails here: 'VERSION' is not set where it runs (no ARG or ENV of stage "base" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '\${VERSION:?}' stops the build: the builder refuses an unset VERSION there.`],
        ['required-variable-missing', `'VERSION' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${VERSION:?}' stops the build: the builder refuses an unset VERSION there.`],
      ],
      rules,
    );
  });

  it('leaves a stage whose FROM chain names a stage through a variable, which a --build-arg may point at an image', () => {
    checkErrors(
      [
        'ARG B=base',
        'ARG M=mid',
        'FROM scratch AS base',
        'ENV E=',
        'ONBUILD LABEL a=${X:?}',
        'FROM ${B} AS mid',
        'LABEL b=${Y:?} c=${E:?}',
        'ONBUILD LABEL d=${Z:?}',
        'FROM $M',
        'LABEL e=${W:?}',
        '',
      ].join('\n'),
      [],
      rules,
    );
  });

  it('leaves a reference that is never closed to bad-substitution, which BuildKit stops on first', () => {
    checkErrors('FROM scratch\nWORKDIR ${DIR:?set\nFROM ${IMG:?need image}\n', [], rules);
  });

  it('reports a FROM line naming no global ARG, in every stage', () => {
    checkErrors('ARG TAG\nFROM alpine:$[${MISSING:?}$]\nFROM alpine:${TAG:?}\nFROM ${TARGETOS:?}\n', [
      ['required-variable-missing', `'MISSING' is not set in FROM lines (no global ARG declares it), so '\${MISSING:?}' stops the build: the builder refuses an unset MISSING there.`],
    ], rules);
  });
});
