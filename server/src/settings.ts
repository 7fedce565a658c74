// The user settings (`dockerfile-lsp.*` in VS Code) with their defaults. A client may send any
// part of this object; `mergeSettings` applies what it sent, key by key, over the defaults and
// ignores values of the wrong type, so a partial or broken settings object never switches a
// feature off by accident.

export type RuleSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';
export type KeywordCase = 'upper' | 'lower' | 'preserve';

export interface Settings {
  readonly diagnostics: {
    readonly enable: boolean;
    /** Severity per rule code (BuildKit's check names, hadolint's DL codes and our own codes). */
    readonly rules: Readonly<Record<string, RuleSeverity>>;
    /** The best-practice rules (hadolint's DL codes); false turns the whole family off. */
    readonly bestPractices: boolean;
  };
  readonly hover: {
    readonly enable: boolean;
  };
  readonly completion: {
    readonly enable: boolean;
  };
  readonly inlayHints: {
    readonly enable: boolean;
    readonly variableValues: boolean;
    readonly stageIndexes: boolean;
  };
  readonly codeLens: {
    readonly enable: boolean;
  };
  readonly outline: {
    /** The most symbols a document's outline lists (0: no limit). */
    readonly maxItems: number;
  };
  readonly formatting: {
    readonly enable: boolean;
    readonly keywordCase: KeywordCase;
    readonly continuationIndent: number;
    readonly blankLineBetweenStages: boolean;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  diagnostics: { enable: true, rules: {}, bestPractices: true },
  hover: { enable: true },
  completion: { enable: true },
  inlayHints: { enable: true, variableValues: true, stageIndexes: true },
  codeLens: { enable: true },
  outline: { maxItems: 5000 },
  formatting: { enable: true, keywordCase: 'upper', continuationIndent: 4, blankLineBetweenStages: false },
};

/** The settings that take one of a few strings (by dotted key). */
export const SETTING_ENUMS: Readonly<Record<string, readonly string[]>> = {
  'formatting.keywordCase': ['upper', 'lower', 'preserve'],
};
/** The severity names a rule takes, in the editor and on the command line (`info` is short for `information`). */
export const SEVERITY_NAMES: Readonly<Record<string, RuleSeverity>> = {
  off: 'off',
  hint: 'hint',
  info: 'information',
  information: 'information',
  warning: 'warning',
  error: 'error',
};
const SEVERITY_LIST = 'off, hint, info, information, warning, error';

/** The severity a name stands for, in any letter case; undefined for other names. */
export function ruleSeverity(name: unknown): RuleSeverity | undefined {
  return typeof name === 'string' && Object.hasOwn(SEVERITY_NAMES, name.toLowerCase()) ? SEVERITY_NAMES[name.toLowerCase()] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(defaults: unknown, given: unknown, path: string, problems: string[]): unknown {
  if (given === undefined || given === null) return defaults;
  if (path === 'diagnostics.rules') {
    if (!isRecord(given)) {
      problems.push(`${path}: expected an object`);
      return defaults;
    }
    // Per-rule severities add to those of the layer below (initializationOptions under workspace/configuration).
    const rules: Record<string, RuleSeverity> = { ...(defaults as Record<string, RuleSeverity>) };
    for (const [rule, value] of Object.entries(given)) {
      const severity = ruleSeverity(value);
      // null unsets: the rule goes back to what the layers below say (in the end, its default).
      if (value === null) delete rules[rule];
      else if (severity) rules[rule] = severity;
      else problems.push(`${path}.${rule}: expected one of ${SEVERITY_LIST}, or null`);
    }
    return rules;
  }
  if (isRecord(defaults)) {
    if (!isRecord(given)) {
      problems.push(`${path || 'settings'}: expected an object`);
      return defaults;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(defaults)) out[key] = merge(defaults[key], given[key], path ? `${path}.${key}` : key, problems);
    return out;
  }
  if (typeof given !== typeof defaults) {
    problems.push(`${path}: expected a ${typeof defaults}`);
    return defaults;
  }
  const allowed = SETTING_ENUMS[path];
  if (allowed && !allowed.includes(given as string)) {
    problems.push(`${path}: expected one of ${allowed.join(', ')}`);
    return defaults;
  }
  if (typeof given === 'number' && (!Number.isFinite(given) || given < 0)) {
    problems.push(`${path}: expected a non-negative number`);
    return defaults;
  }
  return given;
}

/** Settings from a client, merged key by key over `base` (the defaults), and what was ignored. */
export function mergeSettings(given: unknown, base: Settings = DEFAULT_SETTINGS): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const settings = merge(base, given, '', problems) as Settings;
  return { settings, problems };
}
