import { describe, expect, it } from 'vitest';
import {
  ADD_SOURCES,
  COPY_SOURCES,
  BUILD_CHECKS,
  CHECK_OPTIONS,
  COMMON_IMAGES,
  SCRATCH,
  DIRECTIVES,
  GIT_MTIME_VALUES,
  GIT_QUERY_PARAMETERS,
  HADOLINT_RETIRED_CODES,
  HADOLINT_RULES,
  INSTRUCTIONS,
  MOUNT_TYPE_OPTION,
  MOUNT_TYPES,
  PREDEFINED_ARGS,
  SIGNALS,
  SYNTAX_VERSION_LATEST,
  canonicalMountKey,
  getBuildCheck,
  getCheckOption,
  getDirective,
  getFlag,
  getGitQueryParameter,
  getHadolintRule,
  getInstruction,
  getMountKey,
  getMountOption,
  getMountType,
  getPredefinedArg,
  getSignal,
  isShellCheckCode,
} from './index';
import type { Documentation, MountType, ValueSpec } from './index';
import {
  type DocFormat,
  renderCheckOption,
  renderCheckRule,
  renderDirective,
  renderDirectiveValue,
  renderFlag,
  renderFlagValue,
  renderForm,
  renderGitQueryParameter,
  renderInstruction,
  renderMountOption,
  renderMountOptionValue,
  renderMountType,
  renderPredefinedArg,
  renderSignal,
  renderText,
} from './render';
import { checkRuleUrl } from './util';

// ---- Helpers ----

interface Entry {
  readonly name: string;
  /** Every piece of prose the entry carries. */
  readonly prose: readonly string[];
  readonly render: (format: DocFormat) => string;
}

function docProse(doc: Documentation): string[] {
  return [doc.summary, doc.details, doc.pitfall].filter((s): s is string => s !== undefined);
}

function enumValues(spec: ValueSpec) {
  return spec.kind === 'enum' ? spec.values : [];
}

/** Every entry of every table, each with its prose and its renderer. */
function allEntries(): Entry[] {
  const entries: Entry[] = [];
  for (const instruction of INSTRUCTIONS) {
    entries.push({
      name: instruction.name,
      prose: [...docProse(instruction.doc), ...(instruction.deprecated ? [instruction.deprecated] : [])],
      render: (f) => renderInstruction(instruction, f),
    });
    for (const form of instruction.forms) {
      const prose = [form.doc, ...form.parameters.map((p) => p.doc)];
      entries.push({ name: form.label, prose, render: (f) => prose.map((d) => renderText(d, f)).join('\n') });
      if (form.guide) entries.push({ name: `${form.label} (its keyword)`, prose: docProse(form.guide), render: (f) => renderForm(instruction, form, f) });
    }
    for (const flag of instruction.flags) {
      const name = `${instruction.name} --${flag.name}`;
      entries.push({ name, prose: docProse(flag.doc), render: (f) => renderFlag(instruction.name, flag, f) });
      for (const value of enumValues(flag.value)) {
        entries.push({
          name: `${name}=${value.value}`,
          prose: [value.doc],
          render: (f) => renderFlagValue(instruction.name, flag, value, f),
        });
      }
    }
  }
  for (const mount of MOUNT_TYPES) {
    entries.push({ name: `type=${mount.type}`, prose: docProse(mount.doc), render: (f) => renderMountType(mount, f) });
    for (const option of [MOUNT_TYPE_OPTION, ...mount.options]) {
      const name = `type=${mount.type},${option.key}`;
      entries.push({ name, prose: [option.doc], render: (f) => renderMountOption(mount.type, option, f) });
      for (const value of enumValues(option.value)) {
        entries.push({
          name: `${name}=${value.value}`,
          prose: [value.doc],
          render: (f) => renderMountOptionValue(mount.type, option, value, f),
        });
      }
    }
  }
  for (const directive of DIRECTIVES) {
    entries.push({ name: `# ${directive.name}`, prose: docProse(directive.doc), render: (f) => renderDirective(directive, f) });
    for (const value of directive.values) {
      entries.push({
        name: `# ${directive.name}=${value.value}`,
        prose: [value.doc],
        render: (f) => renderDirectiveValue(directive, value, f),
      });
    }
  }
  for (const option of CHECK_OPTIONS) {
    entries.push({ name: `# check=${option.name}`, prose: [option.doc], render: (f) => renderCheckOption(option, f) });
  }
  for (const arg of PREDEFINED_ARGS) {
    entries.push({ name: arg.name, prose: [arg.doc], render: (f) => renderPredefinedArg(arg, f) });
  }
  for (const signal of SIGNALS) {
    entries.push({ name: signal.name, prose: [signal.doc], render: (f) => renderSignal(signal, f) });
  }
  for (const check of BUILD_CHECKS) {
    entries.push({ name: check.name, prose: [check.doc], render: (f) => renderCheckRule(check, f) });
  }
  for (const [kind, source] of Object.entries(ADD_SOURCES)) {
    entries.push({ name: `ADD source (${kind})`, prose: [source.doc], render: (f) => renderText(source.doc, f) });
  }
  for (const [kind, source] of Object.entries(COPY_SOURCES)) {
    entries.push({ name: `COPY source (${kind})`, prose: [source.doc], render: (f) => renderText(source.doc, f) });
  }
  for (const parameter of GIT_QUERY_PARAMETERS) {
    entries.push({ name: `?${parameter.name}=`, prose: docProse(parameter.doc), render: (f) => renderGitQueryParameter(parameter, f) });
  }
  return entries;
}

/** Markdown with fenced blocks and code spans removed: the part a renderer would interpret. */
function outsideCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Parses an LSP snippet; returns its tab stop numbers, or throws on malformed syntax. */
function snippetTabStops(snippet: string): number[] {
  const stops: number[] = [];
  let i = 0;
  const parse = (nested: boolean): void => {
    while (i < snippet.length) {
      const ch = snippet[i]!;
      if (ch === '\\') {
        i += 2;
      } else if (ch === '}' && nested) {
        return;
      } else if (ch === '$') {
        const simple = /^\$(\d+)/.exec(snippet.slice(i));
        if (simple) {
          stops.push(Number(simple[1]));
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+)([:|}])/.exec(snippet.slice(i));
        if (!open) throw new Error(`bad $ at ${i} in ${snippet}`);
        stops.push(Number(open[1]));
        i += open[0].length;
        if (open[2] === ':') {
          parse(true);
          if (snippet[i] !== '}') throw new Error(`unclosed placeholder in ${snippet}`);
          i++;
        } else if (open[2] === '|') {
          const end = snippet.indexOf('|}', i);
          if (end < 0 || snippet.slice(i, end).length === 0) throw new Error(`bad choice in ${snippet}`);
          i = end + 2;
        }
      } else {
        i++;
      }
    }
    if (nested) throw new Error(`unclosed placeholder in ${snippet}`);
  };
  parse(false);
  return stops;
}

/** The text a snippet inserts when every placeholder keeps its default. */
function snippetText(snippet: string): string {
  let text = snippet;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  }
  return text;
}

const NAMES = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY',
  'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];

const REFERENCE_URL = /^https:\/\/docs\.docker\.com\/reference\/dockerfile\/#[a-z0-9-]+$/;

// ---- The whole table ----

describe('every fact', () => {
  const entries = allEntries();

  it('covers the tables', () => {
    expect(entries.length).toBeGreaterThan(200);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s has prose that renders in both formats', (_name, entry) => {
    expect(entry.prose.length).toBeGreaterThan(0);
    for (const sentence of entry.prose) {
      expect(sentence.length).toBeGreaterThanOrEqual(12);
      expect(sentence).toMatch(/[.)]$/);
      expect(sentence).not.toMatch(/ {2}|[ \t]\n|\n[ \t]|\n{3}/);
    }
    const markdown = entry.render('markdown');
    const plaintext = entry.render('plaintext');
    expect(markdown.trim()).not.toBe('');
    expect(plaintext.trim()).not.toBe('');
    expect(plaintext).not.toContain('```');
    expect(plaintext).not.toMatch(/\*\*[^*\s][^*]*\*\*/);
    expect(plaintext).not.toMatch(/\[[^\]]*\]\([^)]*\)/);
    expect(plaintext).not.toMatch(/`[^`\s]+`/);
    // Outside code, `<name>` would be swallowed as HTML by a Markdown renderer.
    expect(outsideCode(markdown)).not.toContain('<');
    expect(markdown).not.toMatch(/\n{3}/);
  });
});

// ---- Instructions ----

describe('instructions', () => {
  it('are the 18 of the reference, in its order, once each', () => {
    expect(INSTRUCTIONS.map((i) => i.name)).toEqual(NAMES);
  });

  it.each(INSTRUCTIONS.map((i) => [i.name, i] as const))('%s teaches fully', (_name, fact) => {
    expect(fact.doc.summary).toBeTruthy();
    expect(fact.doc.details).toBeTruthy();
    expect(fact.doc.example).toBeTruthy();
    expect(fact.doc.pitfall).toBeTruthy();
    expect(fact.referenceUrl).toMatch(REFERENCE_URL);
    expect(fact.forms.length).toBeGreaterThan(0);
    const lineCount = renderInstruction(fact, 'markdown').split('\n').length;
    expect(lineCount).toBeGreaterThanOrEqual(8);
    expect(lineCount).toBeLessThanOrEqual(25);
  });

  it.each(INSTRUCTIONS.map((i) => [i.name, i] as const))('%s forms name their parameters in order', (name, fact) => {
    for (const form of fact.forms) {
      expect(form.label.startsWith(`${name} `)).toBe(true);
      let from = 0;
      for (const parameter of form.parameters) {
        const at = form.label.indexOf(parameter.label, from);
        expect(at, `${parameter.label} in ${form.label}`).toBeGreaterThanOrEqual(0);
        from = at + parameter.label.length;
      }
    }
  });

  it('snippet checking catches malformed snippets', () => {
    expect(snippetTabStops('COPY ${1:src} ${2|a,b|} $3')).toEqual([1, 2, 3]);
    expect(() => snippetTabStops('RUN ${1:command')).toThrow();
    expect(() => snippetTabStops('RUN $HOME')).toThrow();
    expect(() => snippetTabStops('RUN ${1|a,b}')).toThrow();
  });

  it.each(INSTRUCTIONS.map((i) => [i.name, i] as const))('%s has a valid snippet', (name, fact) => {
    const stops = snippetTabStops(fact.snippet);
    expect(stops.length).toBeGreaterThan(0);
    expect([...new Set(stops)].sort()).toEqual(stops.map((_, k) => k + 1));
    expect(snippetText(fact.snippet).startsWith(`${name} `)).toBe(true);
    expect(snippetText(fact.snippet)).not.toMatch(/[${}]/);
  });

  it('marks only MAINTAINER deprecated', () => {
    expect(INSTRUCTIONS.filter((i) => i.deprecated).map((i) => i.name)).toEqual(['MAINTAINER']);
  });

  it('has the legacy one-pair form for ENV and LABEL, which BuildKit parses alike (parseNameVal), in hover', () => {
    expect(INSTRUCTIONS.filter((i) => i.forms.some((f) => f.label === `${i.name} <key> <value>`)).map((i) => i.name)).toEqual(['LABEL', 'ENV']);
    expect(renderInstruction(getInstruction('LABEL')!, 'plaintext').split('\n').slice(0, 2)).toEqual(['LABEL <key>=<value> [<key>=<value>...]', 'LABEL <key> <value>']);
  });

  it('allows heredocs in RUN, COPY and ADD only', () => {
    expect(INSTRUCTIONS.filter((i) => i.allowsHeredoc).map((i) => i.name)).toEqual(['RUN', 'ADD', 'COPY']);
  });

  it('keeps ONBUILD, FROM and MAINTAINER out of ONBUILD', () => {
    expect(INSTRUCTIONS.filter((i) => !i.allowedInOnbuild).map((i) => i.name)).toEqual(['FROM', 'MAINTAINER', 'ONBUILD']);
  });

  it('expands variables where the builder does', () => {
    expect(INSTRUCTIONS.filter((i) => i.expandsVariables).map((i) => i.name)).toEqual([
      'FROM', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'STOPSIGNAL',
    ]);
  });

  it('has exactly the flags BuildKit accepts', () => {
    const flagNames = Object.fromEntries(INSTRUCTIONS.map((i) => [i.name, i.flags.map((f) => f.name)]));
    expect(flagNames).toEqual({
      FROM: ['platform'],
      RUN: ['mount', 'network', 'security', 'device'],
      CMD: [],
      LABEL: [],
      MAINTAINER: [],
      EXPOSE: [],
      ENV: [],
      ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'unpack', 'exclude'],
      COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
      ENTRYPOINT: [],
      VOLUME: [],
      USER: [],
      WORKDIR: [],
      ARG: [],
      ONBUILD: [],
      STOPSIGNAL: [],
      HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
      SHELL: [],
    });
  });
});

// ---- Flags ----

describe('flags', () => {
  const flags = INSTRUCTIONS.flatMap((i) => i.flags.map((f) => [`${i.name} --${f.name}`, i.name, f] as const));

  it.each(flags)('%s is documented with an example that uses it, and a pitfall', (_label, instruction, flag) => {
    expect(flag.doc.details).toBeTruthy();
    expect(flag.doc.example).toBeTruthy();
    expect(flag.doc.pitfall).toBeTruthy();
    expect(flag.doc.example!.startsWith(`${instruction} `)).toBe(true);
    expect(flag.doc.example).toContain(`--${flag.name}`);
    expect(flag.referenceUrl).toMatch(REFERENCE_URL);
    expect(flag.placeholder).not.toBe('');
    if (flag.value.kind === 'boolean' || flag.value.kind === 'enum' || flag.value.kind === 'duration') {
      // No literal default: then the details must say what happens without the flag.
      if (flag.default === undefined) expect(flag.doc.details).toMatch(/^Without the flag/);
    }
    if (flag.value.kind === 'enum') {
      const defaults = flag.value.values.filter((v) => v.isDefault).map((v) => v.value);
      expect(defaults).toEqual([flag.default]);
    }
  });

  it('repeats only --mount, --exclude and --device; none is labs-only (--device left labs in 1.27)', () => {
    expect(flags.filter(([, , f]) => f.repeatable).map(([label]) => label)).toEqual([
      'RUN --mount', 'RUN --device', 'ADD --exclude', 'COPY --exclude',
    ]);
    expect(flags.filter(([, , f]) => f.labs).map(([label]) => label)).toEqual([]);
  });

  it('carries the versions of the fact sheet', () => {
    const since = Object.fromEntries(flags.map(([label, , f]) => [label, f.since]));
    expect(since).toEqual({
      'FROM --platform': undefined,
      'RUN --mount': '1.2',
      'RUN --network': '1.3',
      'RUN --security': '1.20',
      // Labs-only up to the sheet's 1.26; stable since 1.27 (in labs since 1.14, see labsSince).
      'RUN --device': '1.27',
      'ADD --chown': undefined,
      'ADD --chmod': '1.2',
      'ADD --link': '1.4',
      // Not the reference table's 1.1: Git sources for ADD came in 1.5-labs and became stable in 1.6.0 (moby/buildkit#3979).
      'ADD --keep-git-dir': '1.6',
      'ADD --checksum': '1.6',
      'ADD --unpack': '1.17',
      'ADD --exclude': '1.19',
      'COPY --from': undefined,
      'COPY --chown': undefined,
      'COPY --chmod': '1.2',
      'COPY --link': '1.4',
      'COPY --parents': '1.20',
      'COPY --exclude': '1.19',
      'HEALTHCHECK --interval': undefined,
      'HEALTHCHECK --timeout': undefined,
      'HEALTHCHECK --start-period': undefined,
      'HEALTHCHECK --start-interval': '1.6',
      'HEALTHCHECK --retries': undefined,
    });
  });

  it('says which frontends extract zstd archives (dockerfile/1.27.0 release notes, moby/buildkit#7069)', () => {
    const unpack = getFlag('ADD', 'unpack')!.doc;
    expect(unpack.summary).toContain('since frontend 1.27 also zstd');
    expect(unpack.pitfall).toContain('Frontends before 1.27 do not recognise zstd');
    expect(getDirective('syntax')!.values.find((v) => v.value === 'docker/dockerfile:1.27')!.doc).toContain('zstd');
  });

  it('expands variables where the builder does', () => {
    expect(flags.filter(([, , f]) => f.expandsVariables).map(([label]) => label)).toEqual([
      'FROM --platform', 'RUN --mount', 'ADD --chown', 'ADD --chmod', 'ADD --checksum', 'COPY --chown', 'COPY --chmod',
    ]);
  });

  it('gives the HEALTHCHECK defaults', () => {
    const defaults = getInstruction('HEALTHCHECK')!.flags.map((f) => `${f.name}=${f.default}`);
    expect(defaults).toEqual(['interval=30s', 'timeout=30s', 'start-period=0s', 'start-interval=5s', 'retries=3']);
  });

  it('says where Docker reads a zero as unset (daemon/health.go: timeoutWithDefault, retries <= 0)', () => {
    expect(flags.filter(([, , f]) => f.zeroMeansDefault).map(([label]) => label)).toEqual([
      'HEALTHCHECK --interval', 'HEALTHCHECK --timeout', 'HEALTHCHECK --start-interval', 'HEALTHCHECK --retries',
    ]);
    expect(getFlag('HEALTHCHECK', 'start-interval')!.doc.pitfall).toContain('uses the default `5s`');
    expect(getFlag('HEALTHCHECK', 'retries')!.doc.pitfall).toContain('`--retries=1`');
    for (const name of ['interval', 'timeout']) expect(getFlag('HEALTHCHECK', name)!.doc.pitfall).toContain('uses the default `30s`');
    // Go's ParseDuration takes a bare 0, so the duration pitfall must not say every bare number fails.
    for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
      expect(getFlag('HEALTHCHECK', name)!.doc.pitfall).toContain('A bare number other than `0` is rejected');
    }
  });
});

// ---- Mounts ----

describe('mount types', () => {
  it('are the five BuildKit types, bind first as the default', () => {
    expect(MOUNT_TYPES.map((m) => m.type)).toEqual(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
    expect(enumValues(MOUNT_TYPE_OPTION.value).filter((v) => v.isDefault).map((v) => v.value)).toEqual(['bind']);
  });

  it.each(MOUNT_TYPES.map((m) => [m.type, m] as const))('%s teaches and has consistent options', (_type, mount) => {
    expect(mount.doc.details).toBeTruthy();
    expect(mount.doc.example).toContain(`--mount=type=${mount.type}`);
    expect(mount.doc.pitfall).toBeTruthy();
    expect(mount.referenceUrl).toMatch(REFERENCE_URL);
    const spellings = mount.options.flatMap((o) => [o.key, ...o.aliases]);
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const { key, doc } of mount.noEffect) {
      expect(spellings).not.toContain(key);
      expect(doc).toMatch(/^Changes nothing on (a|an|the) /);
    }
    for (const option of mount.options) {
      expect(option.key).toBe(option.key.toLowerCase());
      if (option.bare) expect(option.value.kind).toBe('boolean');
    }
  });

  it('lists the options of the fact sheet for each type', () => {
    const options = Object.fromEntries(
      MOUNT_TYPES.map((m) => [m.type, m.options.map((o) => [o.key, ...o.aliases].join('|'))]),
    );
    expect(options).toEqual({
      bind: ['target|dst|destination', 'source|src', 'from', 'readwrite|rw'],
      cache: ['target|dst|destination', 'id', 'readonly|ro', 'sharing', 'from', 'source|src', 'mode', 'uid', 'gid'],
      tmpfs: ['target|dst|destination', 'size'],
      secret: ['id', 'target|dst|destination', 'env', 'required', 'mode', 'uid', 'gid', 'source|src'],
      ssh: ['id', 'target|dst|destination', 'required', 'mode', 'uid', 'gid'],
    });
  });

  it('has the defaults and versions of the fact sheet', () => {
    const get = (type: string, key: string) => getMountOption(type, key)!;
    expect(get('cache', 'sharing').default).toBe('shared');
    expect(enumValues(get('cache', 'sharing').value).map((v) => v.value)).toEqual(['shared', 'private', 'locked']);
    expect(get('cache', 'mode').default).toBe('0755');
    expect(get('cache', 'uid').default).toBe('0');
    expect(get('secret', 'mode').default).toBe('0400');
    expect(get('secret', 'required').default).toBe('false');
    expect(get('secret', 'env').since).toBe('1.10');
    expect(get('ssh', 'mode').default).toBe('0600');
    expect(get('ssh', 'id').default).toBe('default');
    for (const type of ['bind', 'cache', 'tmpfs']) expect(get(type, 'target').required).toBe(true);
    const bare = MOUNT_TYPES.flatMap((m) => m.options.filter((o) => o.bare).map((o) => `${m.type}.${o.key}`));
    expect(bare).toEqual(['bind.readwrite', 'cache.readonly', 'secret.required', 'ssh.required']);
  });

  it('leaves options out where BuildKit forbids them', () => {
    const typesWith = (key: string) => MOUNT_TYPES.filter((m) => getMountOption(m.type, key)).map((m) => m.type);
    expect(typesWith('sharing')).toEqual(['cache']);
    expect(typesWith('size')).toEqual(['tmpfs']);
    expect(typesWith('required')).toEqual(['secret', 'ssh']);
    expect(typesWith('env')).toEqual(['secret']);
    for (const key of ['mode', 'uid', 'gid']) expect(typesWith(key)).toEqual(['cache', 'secret', 'ssh']);
    expect(typesWith('from')).toEqual(['bind', 'cache']);
    expect(typesWith('type')).toEqual(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  });

  it('knows every key BuildKit accepts for each type, with or without an effect', () => {
    // BuildKit's parseMount takes type, from, source, target, ro, rw, id and env for every type; required
    // only for secret and ssh, size only for tmpfs, mode/uid/gid only for cache, secret and ssh, sharing
    // only for cache. A secret mount then refuses from (and sharing), an ssh mount refuses source.
    const accepted = Object.fromEntries(
      MOUNT_TYPES.map((m) => [
        m.type,
        [...new Set([...m.options.map((o) => o.key), ...m.noEffect.map((k) => k.key), ...(m.access ? ['readonly', 'readwrite'] : [])])].sort(),
      ]),
    );
    const everywhere = ['target', 'readonly', 'readwrite', 'id', 'env'];
    expect(accepted).toEqual({
      bind: [...everywhere, 'source', 'from'].sort(),
      cache: [...everywhere, 'source', 'from', 'sharing', 'mode', 'uid', 'gid'].sort(),
      tmpfs: [...everywhere, 'source', 'from', 'size'].sort(),
      secret: [...everywhere, 'source', 'required', 'mode', 'uid', 'gid'].sort(),
      ssh: [...everywhere, 'from', 'required', 'mode', 'uid', 'gid'].sort(),
    });
  });
});

// ---- Directives ----

describe('directives', () => {
  it('are syntax, escape and check, fully documented', () => {
    expect(DIRECTIVES.map((d) => d.name)).toEqual(['syntax', 'escape', 'check']);
    for (const directive of DIRECTIVES) {
      expect(directive.doc.details && directive.doc.example && directive.doc.pitfall).toBeTruthy();
      expect(directive.referenceUrl).toMatch(REFERENCE_URL);
      expect(directive.signature.startsWith(`# ${directive.name}=`)).toBe(true);
    }
  });

  it('calls no release newer than the newest one it describes', () => {
    const versions = [
      ...INSTRUCTIONS.flatMap((i) => i.flags.flatMap((f) => [f.since, f.labsSince, f.expandsVariablesSince])),
      ...MOUNT_TYPES.flatMap((m) => m.options.flatMap((o) => [o.since, o.labsSince])),
      ...BUILD_CHECKS.flatMap((c) => [c.since, c.stableSince]),
      ...PREDEFINED_ARGS.map((a) => a.since),
    ].filter((v) => v !== undefined);
    const newest = Math.max(...versions.map((v) => Number(v.slice(2))));
    expect(Number(SYNTAX_VERSION_LATEST.slice(2))).toBeGreaterThanOrEqual(newest);
    expect(getDirective('syntax')!.values.map((v) => v.value).slice(2, 4)).toEqual(['docker/dockerfile:1.28', 'docker/dockerfile:1.27']);
  });

  it('offers pins for the releases that brought notable syntax, newest first, 1.23 and 1.24 included', () => {
    const pins = getDirective('syntax')!.values.map((v) => /^docker\/dockerfile:(1\.\d+)$/.exec(v.value)?.[1]).filter((v) => v !== undefined);
    expect(pins).toEqual(['1.28', '1.27', '1.24', '1.23', '1.21', '1.20', '1.19', '1.18', '1.17', '1.16', '1.14', '1.11', '1.10', '1.8', '1.7', '1.6', '1.4']);
    // Each release a Git query parameter or a build argument's history names has its pin.
    const doc = (version: string) => getDirective('syntax')!.values.find((v) => v.value === `docker/dockerfile:${version}`)!.doc;
    expect(doc('1.23')).toContain('`mtime` query parameter');
    expect(doc('1.18')).toContain('query parameters of Git URLs');
    expect(doc('1.16')).toContain('`ADD --checksum` for Git sources');
  });

  it('offers docker/dockerfile:1 first, labs, then pinned versions', () => {
    const values = getDirective('syntax')!.values.map((v) => v.value);
    expect(values.slice(0, 3)).toEqual(['docker/dockerfile:1', 'docker/dockerfile:1-labs', `docker/dockerfile:${SYNTAX_VERSION_LATEST}`]);
    expect(values).toContain('docker/dockerfile:1.7');
    expect(new Set(values).size).toBe(values.length);
  });

  it('says a 1.N pin still takes patch releases; only 1.N.P is immutable (Dockerfile reference, official releases)', () => {
    const syntax = getDirective('syntax')!;
    expect(syntax.doc.details).toContain('still receives the patch releases of 1.N');
    expect(syntax.doc.details).toContain('only `1.N.P` never changes');
    const latest = syntax.values.find((v) => v.value === `docker/dockerfile:${SYNTAX_VERSION_LATEST}`)!;
    expect(latest.doc).toContain('its patch releases still do');
    expect(`${syntax.doc.details} ${latest.doc}`).not.toContain('must not change');
  });

  it('allows only backslash and backtick as escape, backslash by default', () => {
    expect(getDirective('escape')!.values.map((v) => [v.value, v.isDefault ?? false])).toEqual([
      ['\\', true],
      ['`', false],
    ]);
  });

  it('has the check options, experimental= since 1.10', () => {
    expect(getDirective('check')!.since).toBe('1.8');
    expect(CHECK_OPTIONS.map((o) => `${o.name}:${o.since ?? ''}`)).toEqual(['skip:', 'error:', 'experimental:1.10']);
    expect(getCheckOption('error')!.placeholder).toBe('true');
  });
});

// ---- Predefined arguments, signals, build checks ----

describe('predefined arguments', () => {
  const names = (group: string) => PREDEFINED_ARGS.filter((a) => a.group === group).map((a) => a.name);

  it('cover the proxy, platform, target and BuildKit groups', () => {
    expect(names('proxy')).toEqual([
      'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
    ]);
    expect(names('platform')).toEqual([
      'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
      'TARGETOSVERSION', 'BUILDOSVERSION',
    ]);
    expect(names('target')).toEqual(['TARGETSTAGE']);
    expect(names('buildkit')).toEqual([
      'BUILDKIT_BUILD_NAME', 'BUILDKIT_CACHE_MOUNT_NS', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_INLINE_CACHE',
      'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_SYNTAX', 'BUILDKIT_GIT_ADVICE', 'BUILDKIT_DOCKERFILE_CHECK',
      'SOURCE_DATE_EPOCH', 'BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE',
    ]);
  });

  it('the platform arguments a stage uses to build for the target show it: declared with ARG after FROM, then used', () => {
    const withUsage = PREDEFINED_ARGS.filter((a) => a.usage !== undefined);
    expect(withUsage.map((a) => a.name)).toEqual(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM']);
    for (const arg of withUsage) {
      const usage = arg.usage!.split('\n');
      expect(usage[0]).toMatch(/^FROM /);
      const declared = usage.findIndex((line) => line.startsWith('ARG ') && line.slice(4).split(' ').includes(arg.name));
      // BUILDPLATFORM is used in the FROM line, where the global scope has it; the others after their ARG.
      if (arg.name === 'BUILDPLATFORM') expect(usage[0]).toContain('$BUILDPLATFORM');
      else {
        expect(declared).toBeGreaterThan(0);
        expect(usage.slice(declared + 1).join('\n')).toMatch(new RegExp(`\\$\\{?${arg.name}\\b`));
      }
    }
    expect(renderPredefinedArg(getPredefinedArg('TARGETARCH')!, 'plaintext')).toContain(
      [
        'Example:',
        '  FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        '  ARG TARGETOS TARGETARCH',
        '  WORKDIR /src',
        '  COPY . .',
        '  RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .',
      ].join('\n'),
    );
  });

  it('are automatic only for platform and target arguments, each with an example', () => {
    // The Dockerfile reference's table of BuildKit arguments lists neither the check override nor the
    // SBOM switches: those link to the manual pages that document them.
    const elsewhere: Record<string, string> = {
      BUILDKIT_DOCKERFILE_CHECK: 'https://docs.docker.com/build/checks/',
      BUILDKIT_SBOM_SCAN_CONTEXT: 'https://docs.docker.com/build/metadata/attestations/sbom/#scan-build-context',
      BUILDKIT_SBOM_SCAN_STAGE: 'https://docs.docker.com/build/metadata/attestations/sbom/#scan-stages',
    };
    for (const arg of PREDEFINED_ARGS) {
      expect(arg.automatic).toBe(arg.group === 'platform' || arg.group === 'target');
      expect(arg.example).toBeTruthy();
      if (elsewhere[arg.name]) expect(arg.referenceUrl).toBe(elsewhere[arg.name]);
      else expect(arg.referenceUrl).toMatch(REFERENCE_URL);
    }
    // The SBOM switches are read only from a declared ARG; --build-arg alone does nothing (SBOM attestations manual).
    expect(PREDEFINED_ARGS.filter((a) => a.needsArg).map((a) => a.name)).toEqual(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
    expect(renderPredefinedArg(getPredefinedArg('BUILDKIT_SBOM_SCAN_STAGE')!, 'markdown')).toContain('alone does nothing');
    // containerd normalises linux/arm64/v8 to linux/arm64, so an arm64 builder has no variant.
    expect(getPredefinedArg('BUILDVARIANT')!.example).toBe('v7');
    expect(getPredefinedArg('TARGETOSVERSION')!.since).toBe('1.13');
    expect(getPredefinedArg('TARGETSTAGE')!.since).toBe('1.11');
    // BuildKit's testTargetStageNameArg: without --target it is the last stage's name, `default` only if unnamed.
    expect(getPredefinedArg('TARGETSTAGE')!.doc).toContain('otherwise the last stage of the file');
    expect(getPredefinedArg('TARGETSTAGE')!.doc).toContain('`default` when that stage has no `AS` name');
    expect(getPredefinedArg('SOURCE_DATE_EPOCH')!.since).toBe('1.5');
    expect(getPredefinedArg('BUILDKIT_MULTI_PLATFORM')!.since).toBe('1.3');
    // Docker's Dockerfile release notes list the argument under 1.4.0; older frontends ignore it.
    expect(getPredefinedArg('BUILDKIT_SANDBOX_HOSTNAME')!.since).toBe('1.4');
    expect(renderPredefinedArg(getPredefinedArg('BUILDKIT_SANDBOX_HOSTNAME')!, 'markdown')).toContain('Requires `# syntax=docker/dockerfile:1.4` or later.');
    // moby/buildkit#6998: BuildKit v0.33 hides Git's advice, and frontend 1.27 (built into v0.33) passes the argument to Git sources.
    expect(getPredefinedArg('BUILDKIT_GIT_ADVICE')!.since).toBe('1.27');
    expect(renderPredefinedArg(getPredefinedArg('BUILDKIT_GIT_ADVICE')!, 'markdown')).toContain('Requires `# syntax=docker/dockerfile:1.27` or later.');
    // BuildKit's epoch.go: `context` resolves only Git and HTTP contexts; a named stage must be FROM scratch with one remote ADD.
    expect(getPredefinedArg('SOURCE_DATE_EPOCH')!.doc).toContain('a local directory gives none');
    expect(getPredefinedArg('SOURCE_DATE_EPOCH')!.doc).toContain('`FROM scratch` stage holding a single remote `ADD`');
  });
});

describe('signals', () => {
  it('are unique, with SIGTERM the only default', () => {
    expect(new Set(SIGNALS.map((s) => s.name)).size).toBe(SIGNALS.length);
    expect(new Set(SIGNALS.map((s) => s.number)).size).toBe(SIGNALS.length);
    expect(SIGNALS.filter((s) => s.isDefault).map((s) => s.name)).toEqual(['SIGTERM']);
    for (const name of ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGSTOP', 'SIGCONT']) {
      expect(getSignal(name)?.name).toBe(name);
    }
  });
});

describe('build checks', () => {
  it('are the 22 rules, unique, with their docs links', () => {
    expect(BUILD_CHECKS).toHaveLength(22);
    expect(new Set(BUILD_CHECKS.map((c) => c.name)).size).toBe(22);
    for (const check of BUILD_CHECKS) {
      expect(check.url).toBe(check.name === 'InvalidBaseImagePlatform' ? '' : checkRuleUrl(check.name));
    }
    expect(getBuildCheck('JSONArgsRecommended')!.url).toBe('https://docs.docker.com/go/dockerfile/rule/json-args-recommended/');
    expect(getBuildCheck('FromPlatformFlagConstDisallowed')!.url).toBe(
      'https://docs.docker.com/go/dockerfile/rule/from-platform-flag-const-disallowed/',
    );
  });

  it('have the versions of the fact sheet', () => {
    const bySince = (since: string) => BUILD_CHECKS.filter((c) => c.since === since).length;
    expect([bySince('1.8'), bySince('1.9'), bySince('1.11'), bySince('1.18')]).toEqual([14, 5, 1, 2]);
    expect(BUILD_CHECKS.filter((c) => c.experimental).map((c) => c.name)).toEqual(['InvalidDefinitionDescription']);
    expect(getBuildCheck('CopyIgnoredFile')!.stableSince).toBe('1.21');
  });

  it('say which BuildKit reports while converting a stage (dispatch), not while it reads every stage', () => {
    expect(BUILD_CHECKS.filter((c) => c.atDispatch).map((c) => c.name)).toEqual([
      'JSONArgsRecommended',
      'WorkdirRelativePath',
      'UndefinedVar',
      'MultipleInstructionsDisallowed',
      'LegacyKeyValueFormat',
      'InvalidBaseImagePlatform',
      'SecretsUsedInArgOrEnv',
      'CopyIgnoredFile',
      'ExposeProtoCasing',
      'ExposeInvalidFormat',
    ]);
  });
});

describe('hadolint rules', () => {
  it("are hadolint 2.15.1's 71 rules, in code order, the retired codes left out", () => {
    const codes = HADOLINT_RULES.map((r) => r.code);
    expect(codes).toHaveLength(71);
    expect(codes.every((c) => /^DL\d{4}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => c.startsWith('DL1') || c.startsWith('DL4'))).toEqual(['DL1001', 'DL4000', 'DL4001', 'DL4003', 'DL4004', 'DL4005', 'DL4006']);
    expect(codes.at(-7)).toBe('DL3067');
    for (const retired of HADOLINT_RETIRED_CODES) expect(getHadolintRule(retired)).toBeUndefined();
    expect(HADOLINT_RULES.filter((r) => r.severity === 'ignore').map((r) => r.code)).toEqual(['DL1001', 'DL3057']);
  });

  it('have a one-line summary each', () => {
    for (const r of HADOLINT_RULES) {
      expect(r.summary, r.code).toMatch(/^\S.*\.$/);
      expect(r.summary.length, r.code).toBeLessThanOrEqual(130);
      expect(r.summary, r.code).not.toMatch(/\n/);
    }
  });

  it('are looked up by code; ShellCheck codes are recognised by their form', () => {
    expect(getHadolintRule('DL3008')?.severity).toBe('warning');
    expect(getHadolintRule('dl3008')).toBeUndefined();
    expect(isShellCheckCode('SC2086')).toBe(true);
    expect(isShellCheckCode('SC208')).toBe(false);
    expect(isShellCheckCode('DL3008')).toBe(false);
  });
});

// ---- Lookups ----

describe('lookups', () => {
  it('find instructions, flags and directives case-insensitively where BuildKit does', () => {
    expect(getInstruction('healthcheck')?.name).toBe('HEALTHCHECK');
    expect(getInstruction('Run')?.name).toBe('RUN');
    expect(getInstruction('CONTAINER')).toBeUndefined();
    expect(getFlag('copy', '--from')?.name).toBe('from');
    expect(getFlag('COPY', 'link')?.name).toBe('link');
    expect(getFlag('COPY', 'FROM')).toBeUndefined();
    expect(getFlag('ADD', 'from')).toBeUndefined();
    expect(getFlag('ARG', 'anything')).toBeUndefined();
    expect(getDirective('SYNTAX')?.name).toBe('syntax');
    expect(getCheckOption('skip')?.name).toBe('skip');
  });

  it('resolve mount types and option aliases in any case', () => {
    expect(getMountType('CACHE')?.type).toBe('cache');
    expect(getMountType('volume')).toBeUndefined();
    expect(getMountOption('Cache', 'DST')?.key).toBe('target');
    expect(getMountOption('bind', 'rw')?.key).toBe('readwrite');
    expect(getMountOption('ssh', 'type')).toBe(MOUNT_TYPE_OPTION);
    expect(getMountOption('secret', 'from')).toBeUndefined();
    expect(getMountOption('nope', 'target')).toBeUndefined();
  });

  it('say what every mount key means on each type: option, access, no effect or refused', () => {
    const kind = (type: MountType, key: string) => {
      const meaning = getMountKey(type, key);
      if (!meaning) return undefined;
      switch (meaning.kind) {
        case 'option':
          return `option ${meaning.option.key}`;
        case 'access':
          return `access ${meaning.key}`;
        case 'noEffect':
          return `noEffect ${meaning.fact.key}`;
        case 'refused':
          return `refused ${meaning.key} (${meaning.optionOf.join(',')})`;
      }
    };
    expect(kind('bind', 'RO')).toBe('access readonly');
    expect(kind('bind', 'rw')).toBe('option readwrite');
    expect(kind('cache', 'rw')).toBe('access readwrite');
    expect(kind('tmpfs', 'ro')).toBe('access readonly');
    expect(kind('tmpfs', 'readwrite')).toBe('access readwrite');
    expect(kind('secret', 'ro')).toBe('noEffect readonly');
    expect(kind('ssh', 'rw')).toBe('noEffect readwrite');
    expect(kind('bind', 'id')).toBe('noEffect id');
    expect(kind('tmpfs', 'src')).toBe('noEffect source');
    expect(kind('ssh', 'env')).toBe('noEffect env');
    expect(kind('cache', 'size')).toBe('refused size (tmpfs)');
    expect(kind('bind', 'required')).toBe('refused required (secret,ssh)');
    expect(kind('secret', 'from')).toBe('refused from (bind,cache)');
    expect(kind('ssh', 'source')).toBe('refused source (bind,cache,secret)');
    expect(kind('bind', 'type')).toBe('option type');
    expect(kind('bind', 'readonlyy')).toBeUndefined();
    expect(canonicalMountKey('Destination')).toBe('target');
    // Every key of every type means something on every type.
    const keys = [...new Set(MOUNT_TYPES.flatMap((m) => m.options.flatMap((o) => [o.key, ...o.aliases])))];
    for (const mount of MOUNT_TYPES) for (const key of keys) expect(getMountKey(mount.type, key), `${mount.type} ${key}`).toBeDefined();
  });

  it('keep names case-sensitive where BuildKit does', () => {
    expect(getPredefinedArg('http_proxy')?.name).toBe('http_proxy');
    expect(getPredefinedArg('HTTP_PROXY')?.name).toBe('HTTP_PROXY');
    expect(getPredefinedArg('targetplatform')).toBeUndefined();
    expect(getBuildCheck('jsonargsrecommended')).toBeUndefined();
  });

  it('read signals the way STOPSIGNAL does', () => {
    expect(getSignal('SIGQUIT')?.number).toBe(3);
    expect(getSignal('quit')?.name).toBe('SIGQUIT');
    expect(getSignal('3')?.name).toBe('SIGQUIT');
    expect(getSignal('09')?.name).toBe('SIGKILL');
    expect(getSignal('sigrtmin+3')?.number).toBe(37);
    expect(getSignal('SIGNOPE')).toBeUndefined();
  });
});

// ---- Exact output ----

describe('rendered documentation', () => {
  it('FROM hover in Markdown', () => {
    expect(renderInstruction(getInstruction('FROM')!, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]
      \`\`\`

      Starts a new build stage on top of a base image. Every instruction up to the next \`FROM\` adds to that stage.

      Pin the base (\`python:3.12-slim\`, or a digest \`@sha256:...\`) so rebuilds are repeatable; without a tag, \`latest\` is used. \`scratch\` is an empty image with no files at all.

      Name a stage with \`AS build\` and later stages can start from it (\`FROM build\`) or take files from it (\`COPY --from=build\`). Multi-stage builds like this keep compilers and sources out of the final image. Only parser directives, comments and \`ARG\` may come before the first \`FROM\`.

      **Example**
      \`\`\`dockerfile
      FROM golang:1.22 AS build
      WORKDIR /src
      COPY . .
      RUN go build -o /out/app .

      FROM gcr.io/distroless/static-debian12:nonroot
      COPY --from=build /out/app /app
      \`\`\`

      **Pitfall:** An \`ARG\` declared before \`FROM\` is visible only in \`FROM\` lines. To use it inside the stage, declare it again after \`FROM\` with \`ARG NAME\` (no value).

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#from)"
    `);
  });

  it('CMD hover in plain text', () => {
    expect(renderInstruction(getInstruction('CMD')!, 'plaintext')).toMatchInlineSnapshot(`
      "CMD ["<executable>", "<param>", ...]
      CMD ["<param>", ...]
      CMD <command>

      Sets the default command a container runs, or, after an ENTRYPOINT, its default arguments. Nothing runs at build time.

      Prefer the exec form CMD ["app", "--port", "8080"]: the program runs as PID 1 and receives stop signals. Arguments given to docker run image ... replace CMD entirely, which makes it the right place for defaults users may override; use ENTRYPOINT for the program the image must always run. Only the last CMD of a stage counts.

      Example:
        ENTRYPOINT ["python", "-m", "http.server"]
        CMD ["8000"]

      Pitfall: The exec form is JSON and needs double quotes. CMD ['npm', 'start'] is not valid JSON, so it silently falls back to the shell form and runs the text ['npm', 'start'] as a command.

      Dockerfile reference: https://docs.docker.com/reference/dockerfile/#cmd"
    `);
  });

  it('RUN --mount=type=cache in Markdown', () => {
    expect(renderMountType(getMountType('cache')!, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      RUN --mount=type=cache[,<option>=<value>...]
      \`\`\`

      Gives the step a directory that persists between builds, for package-manager and compiler caches. Its contents never go into the image.

      The step still runs when its cache key changes, but with a warm cache it downloads and compiles much less. Mount it where the tool keeps its cache (\`/root/.cache/pip\`, \`/root/.npm\`, \`/root/.cache/go-build\`, \`/var/cache/apt\`). Steps using the same \`id\`, which is the target path by default, share one cache; \`sharing=locked\` makes parallel builds take turns.

      Options: \`target\` (required), \`id\`, \`readonly\`, \`sharing\`, \`from\`, \`source\`, \`mode\`, \`uid\`, \`gid\`.

      **Example**
      \`\`\`dockerfile
      RUN --mount=type=cache,target=/root/.cache/pip \\
          pip install -r requirements.txt
      \`\`\`

      **Pitfall:** The builder may empty the cache at any time, and cache mounts are not part of exported build cache (\`--cache-to\`), so CI often starts cold. The step must work with an empty directory.

      Requires \`# syntax=docker/dockerfile:1.2\` or later.

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)"
    `);
  });

  it('RUN --network=none in Markdown', () => {
    const network = getFlag('RUN', 'network')!;
    const none = enumValues(network.value).find((v) => v.value === 'none')!;
    expect(renderFlagValue('RUN', network, none, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      RUN --network=none
      \`\`\`

      No network at all, only a private loopback interface. Use it to prove a step works offline and cannot fetch anything unexpected, for example installing from packages you copied in earlier.

      Requires \`# syntax=docker/dockerfile:1.3\` or later.

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---network)"
    `);
  });

  it('RUN --network flag in Markdown, with its values and default', () => {
    expect(renderFlag('RUN', getFlag('RUN', 'network')!, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      RUN --network=<default|none|host>
      \`\`\`

      Chooses the network the command runs in: the default build network, none, or the host network.

      Cutting the network with \`none\` makes a step hermetic: it can only use what is already in the image or mounted. \`host\` is for the rare step that must reach services on the build machine.

      **Values**
      - \`default\`: The normal build network, exactly as if the flag were left out: internet access when the builder has it.
      - \`none\`: No network at all, only a private loopback interface. Use it to prove a step works offline and cannot fetch anything unexpected, for example installing from packages you copied in earlier.
      - \`host\`: Uses the host's network stack directly, like \`docker build --network=host\` for a single step. Needs the \`network.host\` entitlement, allowed by the builder and requested with \`--allow network.host\`.

      **Example**
      \`\`\`dockerfile
      RUN --network=none pip install --no-cache-dir --no-index --find-links=/wheels myapp
      \`\`\`

      **Pitfall:** \`--network=host\` fails unless the entitlement is granted both on the builder and on the build command.

      Requires \`# syntax=docker/dockerfile:1.3\` or later.

      Default: \`default\`

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---network)"
    `);
  });

  it('RUN --device flag in plain text, with its versions', () => {
    expect(renderFlag('RUN', getFlag('RUN', 'device')!, 'plaintext')).toMatchInlineSnapshot(`
      "RUN --device=<device>[,required]

      Makes a CDI device, such as a GPU, available to the command.

      Name it as vendor/class (first device found), vendor/class=name (one device), vendor/class=* (all of them) or by a device-class annotation; append ,required to fail when it is missing. Needs BuildKit 0.20 or later with CDI devices set up, and the device entitlement.

      Example:
        RUN --device=nvidia.com/gpu=all nvidia-smi

      Pitfall: Frontends 1.14 to 1.26 refuse the flag outside the labs channel, and older ones do not know it: pin 1.27 or later, or 1.14-labs or later.

      Requires # syntax=docker/dockerfile:1.27 or later.

      Dockerfile reference: https://docs.docker.com/reference/dockerfile/#run---device"
    `);
  });

  it('COPY --chown in plain text: a named user keeps its primary group, and --from keeps the source owner (BuildKit readUser, FileOp copy)', () => {
    expect(renderFlag('COPY', getFlag('COPY', 'chown')!, 'plaintext')).toMatchInlineSnapshot(`
      "COPY --chown=<user>[:<group>]

      Sets the owner of the copied files: user, user:group, or numeric uid:gid.

      Without it, files from the build context belong to root (0:0), whatever USER says, and files copied --from a stage or image keep the owner they have there. Names are looked up in the image's /etc/passwd and /etc/group; numeric IDs need no lookup. A user name on its own also sets that user's primary group from /etc/passwd; a numeric UID on its own uses the same number as GID. Not supported for Windows containers.

      Example:
        COPY --chown=app:app . /home/app/

      Pitfall: A RUN chown -R after the copy stores every file a second time in a new layer. Set the owner while copying instead. Before frontend 1.28, --chown=app: (an empty group) gave the files the root group, not the user's own: write --chown=app or name the group.

      Dockerfile reference: https://docs.docker.com/reference/dockerfile/#copy---chown"
    `);
  });

  it('COPY --link warns that only numeric IDs or root work with --chown (moby/buildkit#2987, #7134)', () => {
    expect(getFlag('COPY', 'link')!.doc.pitfall).toBe(
      'The copy cannot see the existing filesystem: a symlink at the destination is not followed, and `--chown` needs numeric IDs (or `root`) because names cannot be looked up. ' +
        'Builders that honour the flag fail on another name, since frontend 1.28 with an error naming `--chown`, before with `invalid user index: -1`.',
    );
  });

  it('COPY and ADD --link say that a --chmod turns the linked copy off (dispatchCopy links only when no --chmod is given)', () => {
    for (const instruction of ['COPY', 'ADD'] as const) {
      expect(getFlag(instruction, 'link')!.doc.details).toBe(
        'Because the layer stands alone, a change to an earlier instruction does not force the copy to run again, ' +
          'and a rebuilt base image can be slid underneath without redoing it. It pays off most for `COPY --from` in final stages. ' +
          'Together with `--chmod` it does nothing: BuildKit then makes an ordinary copy, so give the files their mode before copying them (in the context, or in the stage they come from).',
      );
    }
  });

  it('SHELL names the shell form of HEALTHCHECK CMD too, which Docker runs with the image\'s final shell (daemon/health.go cmdProbe reads Config.Shell)', () => {
    const shell = getInstruction('SHELL')!.doc;
    expect(shell.summary).toBe(
      'Replaces the shell that runs the shell forms of `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD`; the default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
    );
    expect(shell.details).toBe(
      'It must be written as a JSON array. A common choice is `["/bin/bash", "-o", "pipefail", "-c"]`, so a failing command in a pipe fails the build; ' +
        'on Windows it switches to PowerShell. It applies to the `RUN`, `CMD` and `ENTRYPOINT` lines after it and may be changed again later. ' +
        "A shell-form health check is different: Docker runs it in the running container with the image's final shell (the last `SHELL` of the stage, or the base image's), wherever the `HEALTHCHECK` line stands.",
    );
  });

  it('a check option\'s heading says what it takes, not an example rule (hovering `skip=all` showed `# check=skip=JSONArgsRecommended`)', () => {
    expect(CHECK_OPTIONS.map((option) => renderCheckOption(option, 'plaintext').split('\n')[0])).toEqual([
      '# check=skip=<rules|all>',
      '# check=error=<true|false>',
      '# check=experimental=<rules|all>',
    ]);
  });

  it('ARG says that every RUN after it is a cache miss when its value changes (BuildKit puts the value in each RUN\'s environment)', () => {
    expect(getInstruction('ARG')!.doc.details!.split('\n')[2]).toBe(
      'A changed value invalidates the cache from the first instruction that uses it, and every `RUN` after the `ARG` counts as using it: the value is in its environment. ' +
        'Declare an argument that changes often (a version, a date) just before the step that needs it. ' +
        'An `ARG` with a value overrides an earlier `ENV` of the same name while the image builds (the image keeps the `ENV`); a later `ENV` overrides the `ARG`.',
    );
  });

  it('the syntax directive in Markdown', () => {
    expect(renderDirective(getDirective('syntax')!, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      # syntax=<frontend-image>
      \`\`\`

      Chooses the version of the Dockerfile frontend, the component that reads this file and turns it into build steps. It goes on the first line.

      \`docker/dockerfile:1\` suits most projects: BuildKit fetches the newest stable 1.x frontend before building, so new syntax works without upgrading Docker. Pin \`1.N\` to keep the same syntax and checks (for example with \`# check=error=true\`); that tag still receives the patch releases of 1.N, and only \`1.N.P\` never changes. Use \`1-labs\` for features that are not stable yet. Without the directive, the frontend bundled with your Docker or BuildKit is used, which may be older.

      **Example**
      \`\`\`dockerfile
      # syntax=docker/dockerfile:1
      FROM alpine:3.20
      \`\`\`

      **Pitfall:** Directives count only at the very top. After an instruction, an ordinary comment or even a blank line, \`# syntax=\` is just a comment.

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#syntax)"
    `);
  });

  it('the escape directive value backtick in plain text', () => {
    const escape = getDirective('escape')!;
    expect(renderDirectiveValue(escape, escape.values[1]!, 'plaintext')).toMatchInlineSnapshot(`
      "# escape=\`

      Backtick, as in PowerShell; frees the backslash for Windows paths.

      Dockerfile reference: https://docs.docker.com/reference/dockerfile/#escape"
    `);
  });

  it('TARGETPLATFORM in Markdown and plain text', () => {
    const arg = getPredefinedArg('TARGETPLATFORM')!;
    expect(renderPredefinedArg(arg, 'markdown')).toMatchInlineSnapshot(`
      "**TARGETPLATFORM** (automatic platform argument)

      Platform the image is built for, as \`os/arch[/variant]\`: what \`docker build --platform\` asks for, or the platform of the builder by default.

      Example value: \`linux/arm64\`

      Set automatically in the global scope; inside a stage, declare \`ARG TARGETPLATFORM\` without a value to use it.

      **Example**
      \`\`\`dockerfile
      FROM alpine:3.20
      ARG TARGETPLATFORM
      RUN case "$TARGETPLATFORM" in \\
            linux/amd64) ARCH=x86_64 ;; \\
            linux/arm64) ARCH=aarch64 ;; \\
            *) echo "no build for $TARGETPLATFORM" >&2; exit 1 ;; \\
          esac \\
       && echo "fetching the $ARCH release"
      \`\`\`

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope)"
    `);
    expect(renderPredefinedArg(arg, 'plaintext')).toMatchInlineSnapshot(`
      "TARGETPLATFORM (automatic platform argument)

      Platform the image is built for, as os/arch[/variant]: what docker build --platform asks for, or the platform of the builder by default.

      Example value: linux/arm64

      Set automatically in the global scope; inside a stage, declare ARG TARGETPLATFORM without a value to use it.

      Example:
        FROM alpine:3.20
        ARG TARGETPLATFORM
        RUN case "$TARGETPLATFORM" in \\
              linux/amd64) ARCH=x86_64 ;; \\
              linux/arm64) ARCH=aarch64 ;; \\
              *) echo "no build for $TARGETPLATFORM" >&2; exit 1 ;; \\
            esac \\
         && echo "fetching the $ARCH release"

      Dockerfile reference: https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope"
    `);
  });

  it('an experimental build check in Markdown', () => {
    expect(renderCheckRule(getBuildCheck('InvalidDefinitionDescription')!, 'markdown')).toMatchInlineSnapshot(`
      "**InvalidDefinitionDescription** (build check)

      The comment right above an \`ARG\` or a named \`FROM\` does not start with that argument or stage name. Tools show such comments as descriptions; start it with the name, or separate an unrelated comment with a blank line.

      Experimental: off unless enabled with \`# check=experimental=InvalidDefinitionDescription\`.

      Requires \`# syntax=docker/dockerfile:1.11\` or later.

      [Build check reference](https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/)"
    `);
  });

  it('a mount option with aliases in Markdown', () => {
    expect(renderMountOption('cache', getMountOption('cache', 'dst')!, 'markdown')).toMatchInlineSnapshot(`
      "\`\`\`dockerfile
      RUN --mount=type=cache,target=<path>
      \`\`\`

      Where the cache appears, usually the tool's cache directory.

      Also written \`dst\`, \`destination\`.

      Required.

      [Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)"
    `);
  });

  it('image facts make no claim that no longer holds (checked against the images\' own documentation)', () => {
    const doc = (name: string) => [SCRATCH, ...COMMON_IMAGES].find((image) => image.name === name)!.doc;
    // The node images of Node.js 26 and later ship without Yarn (nodejs/docker-node#2422).
    expect(doc('node')).toMatch(/^Node\.js with npm \(and Yarn 1 in the images of Node\.js releases before 26\)\./);
    // The openjdk image's deprecation notice lists several alternatives, without preferring one.
    expect(doc('eclipse-temurin')).not.toMatch(/replaces/);
    // Since Docker 22.06 the default tags (latest, 28, ...) are the dind variant; -cli has the CLI only.
    expect(doc('docker')).toMatch(/the engine with its CLI in the default and `-dind` tags/);
    // A stage FROM scratch can run a shell it copies in.
    expect(doc('scratch')).toMatch(/fail in it unless a stage copies one in\.$/);
  });
});

describe('ADD sources', () => {
  it('are the three kinds BuildKit tells apart, each with a section of the reference', () => {
    expect(Object.keys(ADD_SOURCES)).toEqual(['url', 'git', 'context']);
    for (const source of Object.values(ADD_SOURCES)) expect(source.referenceUrl).toMatch(REFERENCE_URL);
    // A download is not extracted and gets mode 600; a local archive is extracted (reference, "Adding files from a URL" and "Adding local tar archives").
    expect(ADD_SOURCES.url.doc).toContain('with mode `600` unless `--chmod` sets another. An archive stays packed unless `--unpack=true`.');
    expect(ADD_SOURCES.context.doc).toContain('is extracted at the destination unless `--unpack=false`');
  });
});

describe('Git URL query parameters', () => {
  it('are the seven of dockerfile/1.18.0 (release notes; dfgitutil.ParseGitRef), commit an alias of checksum, keys case-sensitive', () => {
    const first = GIT_QUERY_PARAMETERS.slice(0, 8);
    expect(first.map((p) => p.name)).toEqual(['ref', 'tag', 'branch', 'checksum', 'commit', 'subdir', 'keep-git-dir', 'submodules']);
    expect(first.every((p) => p.since === '1.18' && p.labsSince === '1.18')).toBe(true);
    expect(GIT_QUERY_PARAMETERS.every((p) => p.referenceUrl === 'https://docs.docker.com/reference/dockerfile/#add')).toBe(true);
    expect(getGitQueryParameter('commit')?.aliasOf).toBe('checksum');
    expect([getGitQueryParameter('tag')?.excludes, getGitQueryParameter('branch')?.excludes]).toEqual([['branch'], ['tag']]);
    expect(getGitQueryParameter('REF')).toBeUndefined();
    // Keys of other BuildKit branches that no release reads are not parameters (fetch-depth was never merged).
    expect(getGitQueryParameter('fetch-depth')).toBeUndefined();
  });

  it('and the later ones of the newest loadQuery: mtime (checkout or commit) since 1.23, fetch-by-commit (a boolean) of no confirmed release', () => {
    expect(GIT_QUERY_PARAMETERS.slice(8).map((p) => p.name)).toEqual(['mtime', 'fetch-by-commit']);
    // BuildKit v0.29.0's release notes: commit-time mtimes for Git sources (#6600), in the Dockerfile frontend with 1.23.0.
    expect(getGitQueryParameter('mtime')).toMatchObject({ value: 'mtime', since: '1.23', labsSince: '1.23' });
    expect(GIT_MTIME_VALUES).toEqual(['checkout', 'commit']);
    expect(renderGitQueryParameter(getGitQueryParameter('mtime')!, 'markdown')).toContain('ADD <git-url>?mtime=checkout|commit <dest>');
    // moby/buildkit#6708: the release that first read it is not confirmed, so it carries no version and is never held against a pin.
    const fetch = getGitQueryParameter('fetch-by-commit')!;
    expect(fetch.value).toBe('boolean');
    expect(fetch.since).toBeUndefined();
    expect(fetch.labsSince).toBeUndefined();
    expect(renderGitQueryParameter(fetch, 'markdown')).not.toContain('Requires');
  });
});
