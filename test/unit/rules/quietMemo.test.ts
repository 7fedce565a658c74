// File rules that skip a version known to have nothing to find (rules/partMemo.ts, QuietMemo): after
// a version with nothing to report, an edit that changes what the rule reads (a global ARG, a stage's
// image or name, the instructions of a stage) still gets its problem reported, at the edited version.
import { describe, expect, it } from 'vitest';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { OpenDocument } from '../openDocument';

/** `code` problems of the open document's current version, as `line: message start`. */
function problems(open: OpenDocument, code: string): string[] {
  return getDiagnostics(open.doc, DEFAULT_SETTINGS)
    .filter((d) => d.code === code)
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);
}

/** Replaces the first `find` in the open document's text. */
function replace(open: OpenDocument, find: string, text: string): void {
  const start = open.text.getText().indexOf(find);
  if (start < 0) throw new Error(`no ${find}`);
  open.edit({ start, end: start + find.length, text });
}

describe('a file rule after a version with nothing to report', () => {
  it('invalid-image-reference: a global ARG default that breaks an image', () => {
    const open = new OpenDocument('ARG IMG=alpine\nFROM ${IMG} AS base\nFROM base\nRUN true\n');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    replace(open, 'IMG=alpine', 'IMG=Alpine');
    expect(problems(open, 'invalid-image-reference')).toEqual(['1:5-11']);
    replace(open, 'IMG=Alpine', 'IMG=alpine');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
  });

  it('invalid-platform: a global ARG default or a --platform value that stops making a platform', () => {
    const open = new OpenDocument('ARG P=linux/amd64\nFROM --platform=$P alpine AS base\nRUN true\nFROM --platform=${P} base\n');
    expect(problems(open, 'invalid-platform')).toEqual([]);
    replace(open, 'P=linux/amd64', 'P=linux/amd64/v9/x');
    expect(problems(open, 'invalid-platform')).toEqual(['1:16-18', '3:16-20']);
    replace(open, 'P=linux/amd64/v9/x', 'P=linux/amd64');
    expect(problems(open, 'invalid-platform')).toEqual([]);
    // An edited value, in a stage the last version found nothing in.
    replace(open, '--platform=${P}', '--platform=${P}/x/y');
    expect(problems(open, 'invalid-platform')).toEqual(['3:16-24']);
    // An edit elsewhere keeps the problem: a version that had one is never taken as quiet.
    replace(open, 'RUN true', 'RUN false');
    expect(problems(open, 'invalid-platform')).toEqual(['3:16-24']);
  });

  it("invalid-image-reference: an edited stage's image, and a renamed stage another FROM named", () => {
    const open = new OpenDocument('FROM alpine AS a..b\nRUN true\nFROM a..b\nRUN true\n');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    // `a..b` names no stage any more: it is read as an image, and is not a valid one.
    replace(open, 'AS a..b', 'AS c');
    expect(problems(open, 'invalid-image-reference')).toEqual(['2:5-9']);
    replace(open, 'AS c', 'AS a..b');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    replace(open, 'FROM alpine', 'FROM Alpine');
    expect(problems(open, 'invalid-image-reference')).toEqual(['0:5-11']);
  });

  it('invalid-image-reference: a --from or from= that stops or starts naming a stage', () => {
    const open = new OpenDocument('FROM alpine AS Tools\nRUN true\nFROM alpine\nCOPY --from=Tools /x /x\nRUN --mount=from=Tools,target=/t true\n');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    // Renamed, the stage leaves both references naming no stage: they are images, and not valid ones.
    replace(open, 'AS Tools', 'AS other');
    expect(problems(open, 'invalid-image-reference')).toEqual(['3:12-17', '4:17-22']);
    replace(open, 'AS other', 'AS TOOLS');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    // An edited reference, in a stage the last version found nothing in.
    replace(open, '--from=Tools', '--from=Tool');
    expect(problems(open, 'invalid-image-reference')).toEqual(['3:12-16']);
    // An edit elsewhere keeps the problem: a version that had one is never taken as quiet.
    replace(open, 'RUN true', 'RUN false');
    expect(problems(open, 'invalid-image-reference')).toEqual(['3:12-16']);
  });

  it('invalid-image-reference: a --from whose case alone changes, so it stops being a valid image', () => {
    const open = new OpenDocument('FROM alpine AS other\nRUN true\nFROM alpine\nCOPY --from=tools /x /x\n');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
    replace(open, '--from=tools', '--from=Tools');
    expect(problems(open, 'invalid-image-reference')).toEqual(['3:12-17']);
    replace(open, '--from=Tools', '--from=tools');
    expect(problems(open, 'invalid-image-reference')).toEqual([]);
  });

  it('InvalidDefaultArgInFrom: a global ARG default, and an edited image', () => {
    const open = new OpenDocument('ARG TAG=3.20\nFROM alpine:${TAG}\nRUN true\nFROM debian AS other\nRUN true\n');
    expect(problems(open, 'InvalidDefaultArgInFrom')).toEqual([]);
    replace(open, 'TAG=3.20', 'TAG=');
    expect(problems(open, 'InvalidDefaultArgInFrom')).toEqual(['1:5-18']);
    replace(open, 'TAG=', 'TAG=3.20');
    expect(problems(open, 'InvalidDefaultArgInFrom')).toEqual([]);
    replace(open, 'FROM debian', 'FROM debian:${NONE}');
    expect(problems(open, 'InvalidDefaultArgInFrom')).toEqual(['3:5-19']);
  });

  it('DuplicateStageName: a stage renamed to the name of another', () => {
    const open = new OpenDocument('FROM alpine AS one\nRUN true\nFROM alpine AS two\nRUN true\n');
    expect(problems(open, 'DuplicateStageName')).toEqual([]);
    replace(open, 'AS two', 'AS One');
    expect(problems(open, 'DuplicateStageName')).toEqual(['2:15-18']);
  });

  it('MultipleInstructionsDisallowed: a second CMD typed into a stage', () => {
    const open = new OpenDocument('FROM alpine AS one\nCMD ["a"]\nFROM alpine AS two\nCMD ["b"]\n');
    expect(problems(open, 'MultipleInstructionsDisallowed')).toEqual([]);
    replace(open, 'CMD ["b"]\n', 'CMD ["b"]\nCMD ["c"]\n');
    expect(problems(open, 'MultipleInstructionsDisallowed')).toEqual(['3:0-9']);
  });

  it('invalid-onbuild-trigger: a stage renamed, its trigger broken, a global ARG and a FROM that build on it', () => {
    const open = new OpenDocument('ARG B=other\nFROM alpine AS bas\nONBUILD RUNX make\nFROM alpine AS other\nFROM ${B}\nFROM base\n');
    // No stage is named base: the last FROM is an image.
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual([]);
    replace(open, 'AS bas\n', 'AS base\n');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual(['5:5-9']);
    replace(open, 'RUNX make', 'RUN make');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual([]);
    replace(open, 'RUN make', 'RUNX make');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual(['5:5-9']);
    replace(open, 'FROM base\n', 'FROM alpine\n');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual([]);
    replace(open, 'B=other', 'B=base');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual(['4:5-9']);
    replace(open, 'B=base', 'B=other');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual([]);
    replace(open, 'FROM alpine\n', 'FROM base\n');
    expect(problems(open, 'invalid-onbuild-trigger')).toEqual(['5:5-9']);
  });
});
