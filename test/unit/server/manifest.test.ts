// The manifest's settings (package.json contributes.configuration) and the server's settings
// schema (server/src/settings.ts) describe the same keys with the same defaults.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTING_ENUMS, SEVERITY_NAMES } from '../../../server/src/settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
interface Property {
  readonly default: unknown;
  readonly markdownDescription?: string;
  readonly type: string | string[];
  readonly enum?: unknown[];
  readonly enumDescriptions?: string[];
  readonly markdownEnumDescriptions?: string[];
  readonly minimum?: number;
  readonly scope?: string;
  readonly additionalProperties?: Property;
}
const properties: Record<string, Property> = manifest.contributes.configuration.properties;

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !prefix.endsWith('.rules')) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

describe('settings in the manifest', () => {
  const schema = flatten(DEFAULT_SETTINGS, '', {});

  it('every server setting is contributed with the same default', () => {
    for (const [key, value] of Object.entries(schema)) {
      expect(properties[`dockerfile-lsp.${key}`]?.default, key).toEqual(value);
    }
  });

  it('every contributed setting is one the server reads (or the client trace setting)', () => {
    const known = new Set([...Object.keys(schema).map((k) => `dockerfile-lsp.${k}`), 'dockerfile-lsp.trace.server']);
    expect(Object.keys(properties).filter((k) => !known.has(k))).toEqual([]);
  });

  it('runs in untrusted workspaces and turns on formatting on type for Dockerfiles (found by review)', () => {
    // The server executes nothing from the workspace, and Enter inside RUN is the shell's, whose rules know no `\`.
    expect(manifest.capabilities.untrustedWorkspaces).toEqual({ supported: true });
    expect(manifest.contributes.configurationDefaults['[dockerfile]']).toEqual({ 'editor.formatOnType': true });
    // It contributes no snippets, so it does not claim that category.
    expect(manifest.categories).not.toContain('Snippets');
  });

  it('every server setting has the type and values the server accepts (found by review: continuationIndent was a number)', () => {
    for (const [key, value] of Object.entries(schema)) {
      const property = properties[`dockerfile-lsp.${key}`];
      if (key === 'diagnostics.rules') {
        // Rule code -> severity name in any of the server's spellings, or null to drop an override.
        expect(property.type).toBe('object');
        expect(property.additionalProperties?.type).toEqual(['string', 'null']);
        expect(property.additionalProperties?.enum).toEqual([...Object.keys(SEVERITY_NAMES), null]);
      } else if (typeof value === 'number') {
        // The server takes whole, non-negative numbers (it rounds others down), so the editor asks for those.
        expect([key, property.type, property.minimum]).toEqual([key, 'integer', 0]);
      } else {
        expect([key, property.type]).toEqual([key, typeof value]);
        expect([key, property.enum]).toEqual([key, SETTING_ENUMS[key]]);
        if (property.enum) expect((property.markdownEnumDescriptions ?? property.enumDescriptions)?.length, key).toBe(property.enum.length);
      }
    }
  });

  it('the trace is per window, every server setting per resource (the server asks with the document as scope)', () => {
    for (const [key, property] of Object.entries(properties)) {
      expect([key, property.scope]).toEqual([key, key === 'dockerfile-lsp.trace.server' ? 'window' : 'resource']);
    }
  });

  it('says that virtual workspaces get the grammar but not the server, whose client serves file and untitled documents (found by review)', () => {
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.virtualWorkspaces.description).toMatch(/on disk and unsaved/);
    const client = readFileSync(path.resolve(__dirname, '../../../client/src/extension.ts'), 'utf8');
    expect([...client.matchAll(/scheme: '(\w+)'/g)].map((m) => m[1])).toEqual(['file', 'untitled', 'file']);
  });

  it('maps exactly the languages the grammar embeds (found by review)', () => {
    const grammar = readFileSync(path.resolve(__dirname, '../../../syntaxes/dockerfile.tmLanguage.json'), 'utf8');
    const embedded = new Set(grammar.match(/meta\.embedded\.block\.\w+/g));
    const [contribution] = manifest.contributes.grammars;
    expect(Object.keys(contribution.embeddedLanguages).sort()).toEqual([...embedded].sort());
  });

  it('every setting has a Markdown description', () => {
    for (const [key, property] of Object.entries(properties)) expect(property.markdownDescription?.length ?? 0, key).toBeGreaterThan(20);
  });
});
