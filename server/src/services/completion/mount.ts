// `RUN --mount=` options: the keys valid for the mount's type that are not given yet and that the
// pinned frontend release has (`type=` first while it is missing), and the values of the key being typed.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { BOOLEAN_VALUES, MOUNT_TYPE_OPTION, getMountOption, getMountType, type MountOptionFact } from '../../facts';
import { missingIn, type FlagContext } from './flags';
import { charAfterWord, item, restOfWord, type CompletionRequest } from './items';
import { stageItems } from './stages';

interface Field {
  readonly key: string;
  readonly value?: string;
}

function parseField(text: string): Field {
  const eq = text.indexOf('=');
  return eq < 0 ? { key: text.trim().toLowerCase() } : { key: text.slice(0, eq).trim().toLowerCase(), value: text.slice(eq + 1) };
}

/** `typed` is the flag value up to the cursor (after `--mount=`), starting at document offset `from`. */
export function mountItems(request: CompletionRequest, typed: string, from: number, context: FlagContext): CompletionItem[] {
  const fieldStart = typed.lastIndexOf(',') + 1;
  const current = typed.slice(fieldStart);
  const after = restOfWord(request.doc, request.offset);
  const others = [...typed.slice(0, fieldStart).split(','), ...after.split(',').slice(1)].filter((f) => f !== '').map(parseField);
  const typeField = others.find((f) => f.key === 'type');
  const type = getMountType(typeField?.value ?? 'bind');
  if (!type) return [];
  const eq = current.indexOf('=');
  if (eq >= 0) {
    const key = current.slice(0, eq).trim();
    return mountValueItems(request, type.type, key, from + fieldStart + eq + 1, context);
  }
  const present = new Set(others.map((f) => getMountOption(type.type, f.key)?.key ?? f.key));
  const options: MountOptionFact[] = [...(typeField ? [] : [MOUNT_TYPE_OPTION]), ...type.options];
  // Renaming a key that already has its `=value`: only the key changes.
  const keyOnly = charAfterWord(request) === '=';
  return options
    .filter((option) => !present.has(option.key) && !missingIn(option, context))
    .map((option, rank) =>
      item(request, option.key, CompletionItemKind.Property, from + fieldStart, option.bare || keyOnly ? option.key : `${option.key}=`, rank, {
        ...(option.required ? { detail: 'required' } : {}),
        data: { k: 'mount-option', t: type.type, key: option.key },
      }),
    );
}

function mountValueItems(request: CompletionRequest, type: string, key: string, from: number, context: FlagContext): CompletionItem[] {
  const option = getMountOption(type, key);
  if (!option) return [];
  if (option.key === 'from') return context.onbuild ? [] : stageItems(request, from, context.instructionStart, 'mount-from');
  const values = option.value.kind === 'enum' ? option.value.values : option.value.kind === 'boolean' ? BOOLEAN_VALUES : [];
  return values.map((value, rank) =>
    item(request, value.value, option.value.kind === 'enum' ? CompletionItemKind.EnumMember : CompletionItemKind.Value, from, value.value, rank, {
      ...(value.isDefault || value.value === option.default ? { detail: 'default' } : {}),
      data: option.key === 'type' ? { k: 'mount-type', key: value.value } : { k: 'mount-value', t: type, o: option.key, key: value.value },
    }),
  );
}
