// FROM lines as a build without --build-arg sees them: global ARGs at their defaults, the
// automatic platform ARGs at values every build machine shares, everything else unset.

import type { Declaration, DockerfileModel } from '../../semantics';
import { lex } from '../../syntax';
import { PLATFORM_STAND_INS } from '../platformStandIns';


type Value = { readonly known: true; readonly value: string | undefined } | { readonly known: false };

/**
 * The value a variable has in a FROM line of a build without --build-arg: the last global ARG
 * default of that name; unset when no global ARG gives one.
 */
function globalValue(model: DockerfileModel, name: string): Value {
  const last = lastDefaults(model).get(name);
  if (last) return last.value === undefined ? { known: false } : { known: true, value: last.value };
  if (name === 'TARGETSTAGE') return { known: true, value: model.stages[model.stages.length - 1]?.nameLower ?? 'default' };
  if (name in PLATFORM_STAND_INS) return { known: true, value: PLATFORM_STAND_INS[name] };
  // Variants and OS versions may be empty on one machine and set on another.
  if (/^(TARGET|BUILD)(VARIANT|OSVERSION)$/.test(name)) return { known: false };
  return { known: true, value: undefined };
}

const defaultsOf = new WeakMap<DockerfileModel, ReadonlyMap<string, Declaration>>();

/** The last global ARG with a default, by name. Global ARGs all come before the first FROM. */
function lastDefaults(model: DockerfileModel): ReadonlyMap<string, Declaration> {
  let defaults = defaultsOf.get(model);
  if (!defaults) {
    const map = new Map<string, Declaration>();
    for (const d of model.globalArgs) if (d.rawValue !== undefined) map.set(d.name, d);
    defaultsOf.set(model, (defaults = map));
  }
  return defaults;
}

/** `text` of a FROM line with global ARG defaults substituted, or undefined when that cannot be known. */
export function expandWithGlobalArgs(model: DockerfileModel, text: string, escape: string): string | undefined {
  let unknown = false;
  const result = lex(text, (name) => {
    const value = globalValue(model, name);
    if (!value.known) unknown = true;
    return value.known ? value.value : '';
  }, { escape, splitWords: false });
  return result.error || unknown ? undefined : result.value;
}
