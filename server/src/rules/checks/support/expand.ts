// Expanding words of an instruction the way the builder does during `docker build --check`
// with no --build-arg: a variable with a known value expands to it, a declared ARG without a
// value and an undeclared name expand to nothing, and PATH has the builder's default.

import type { DockerfileModel } from '../../../semantics';
import { lex, type Environment } from '../../../syntax';

/** The PATH BuildKit sets in every stage whose base image does not set one (Linux). */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment an instruction's builder-expanded words see, from the model's resolution. */
export function environmentAt(model: DockerfileModel, nodeIndex: number): Environment {
  const values = new Map<string, string>();
  for (const use of model.usesInNode(nodeIndex)) {
    if (use.declaration) values.set(use.name, use.value ?? '');
  }
  return (name) => values.get(name) ?? (name === 'PATH' ? DEFAULT_PATH : undefined);
}

/** A word expanded in `environment`; undefined when the expansion fails. */
export function expandWord(word: string, environment: Environment, escape: string): string | undefined {
  const result = lex(word, environment, { escape, splitWords: false });
  return result.error ? undefined : result.value;
}

/** A word expanded and split into words (as EXPOSE reads its ports); undefined on failure. */
export function expandWords(word: string, environment: Environment, escape: string): readonly string[] | undefined {
  const result = lex(word, environment, { escape });
  return result.error ? undefined : result.words;
}
