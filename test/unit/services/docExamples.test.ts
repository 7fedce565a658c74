// Every example the hover documentation shows is a Dockerfile a learner may copy. Each one is run
// through the whole language service (syntax errors, BuildKit's checks and the best practices) and
// must come out clean: an example that our own diagnostics flag teaches the opposite of what the
// warning says.

import { describe, expect, it } from 'vitest';
import { DIRECTIVES, HEREDOC, INSTRUCTIONS, LABEL_KEYS, MOUNT_TYPES, PREDEFINED_ARGS, SINGLE_QUOTED } from '../../../server/src/facts';
import { labelKeyExample } from '../../../server/src/facts/render';
import { diagnosticsOf } from '../rules/harness';

/** Every example block of the facts, under the name of its entry. */
function allExamples(): (readonly [string, string])[] {
  const examples: (readonly [string, string])[] = [];
  for (const instruction of INSTRUCTIONS) {
    if (instruction.doc.example) examples.push([instruction.name, instruction.doc.example]);
    for (const form of instruction.forms) if (form.guide?.example) examples.push([form.label, form.guide.example]);
    for (const flag of instruction.flags) {
      if (flag.doc.example) examples.push([`${instruction.name} --${flag.name}`, flag.doc.example]);
    }
  }
  for (const mount of MOUNT_TYPES) if (mount.doc.example) examples.push([`--mount=type=${mount.type}`, mount.doc.example]);
  for (const directive of DIRECTIVES) if (directive.doc.example) examples.push([`# ${directive.name}`, directive.doc.example]);
  if (HEREDOC.doc.example) examples.push(['heredoc', HEREDOC.doc.example]);
  if (SINGLE_QUOTED.doc.example) examples.push(['single-quoted variable', SINGLE_QUOTED.doc.example]);
  for (const label of LABEL_KEYS) examples.push([`LABEL ${label.key}`, labelKeyExample(label)]);
  for (const arg of PREDEFINED_ARGS) if (arg.usage) examples.push([`ARG ${arg.name}`, arg.usage]);
  return examples;
}

/** A fragment (`COPY ...`) gets a base stage; an example with a `FROM` or a directive is linted as written. */
function asDockerfile(example: string): string {
  const startsFile = /^FROM\b/im.test(example) || example.startsWith('#');
  return `${startsFile ? '' : 'FROM alpine:3.20\n'}${example}\n`;
}

describe('documentation examples', () => {
  const examples = allExamples();

  it('cover every table that shows one', () => {
    expect(examples.length).toBeGreaterThan(60);
  });

  it.each(examples)('%s has an example that no diagnostic flags', (_name, example) => {
    const text = asDockerfile(example);
    const found = diagnosticsOf(text, { practices: true }).map((d) => `${String(d.code)} (line ${d.range.start.line + 1}): ${d.message}`);
    expect(found, text).toEqual([]);
  });

  it('does not hide a problem by adding the base stage', () => {
    expect(asDockerfile('RUN true')).toBe('FROM alpine:3.20\nRUN true\n');
    expect(asDockerfile('ARG V\nLABEL v=$V')).toBe('FROM alpine:3.20\nARG V\nLABEL v=$V\n');
    expect(asDockerfile('# syntax=docker/dockerfile:1\nFROM alpine:3.20')).toBe('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n');
    // The harness reports what an example gets wrong.
    expect(diagnosticsOf(asDockerfile('RUN pip install flask'), { practices: true }).map((d) => d.code)).toEqual(['DL3042']);
  });
});
