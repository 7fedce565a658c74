// `RUN --mount=` options: the keys valid for the mount's type that are not given yet and that the
// pinned frontend release has (`type=` first while it is missing), and the values of the key being
// typed; for a name mounts share (`id`), also the values other mounts of the type give it in the file.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { BOOLEAN_VALUES, MOUNT_TYPE_OPTION, getMountOption, getMountType, type MountOptionFact } from '../../facts';
import { mountTypeText, typedMountType, type InstructionNode } from '../../syntax';
import { DocWriter } from '../markup';
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
  const otherFields = [...typed.slice(0, fieldStart).split(','), ...after.split(',').slice(1)].filter((f) => f !== '');
  const others = otherFields.map(parseField);
  // Of several type= options BuildKit keeps the last.
  const typeValue = typedMountType(otherFields);
  const type = getMountType(typeValue ?? 'bind');
  if (!type) return [];
  const eq = current.indexOf('=');
  if (eq >= 0) {
    const key = current.slice(0, eq).trim();
    return mountValueItems(request, type.type, key, from + fieldStart + eq + 1, context);
  }
  const present = new Set(others.map((f) => getMountOption(type.type, f.key)?.key ?? f.key));
  const options: MountOptionFact[] = [...(typeValue !== undefined ? [] : [MOUNT_TYPE_OPTION]), ...type.options];
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
  const items = values.map((value, rank) =>
    item(request, value.value, option.value.kind === 'enum' ? CompletionItemKind.EnumMember : CompletionItemKind.Value, from, value.value, rank, {
      ...(value.isDefault || value.value === option.default ? { detail: 'default' } : {}),
      data: option.key === 'type' ? { k: 'mount-type', key: value.value } : { k: 'mount-value', t: type, o: option.key, key: value.value },
    }),
  );
  return option.sharedName ? [...items, ...usedValueItems(request, type, option, from, items.length)] : items;
}


/**
 * The values `option` has on the other mounts of `type` in the file (ONBUILD RUN triggers too), each
 * once, in file order: not the one at the cursor, nor one that would need quoting to be written again.
 */
function usedValueItems(request: CompletionRequest, type: string, option: MountOptionFact, from: number, rankBase: number): CompletionItem[] {
  const { doc, offset } = request;
  const writer = new DocWriter(request.format);
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  doc.tree.forEach((node, start) => {
    if (node.kind !== 'instruction') return;
    const run: InstructionNode | undefined = node.name === 'RUN' ? node : node.name === 'ONBUILD' && node.trigger?.name === 'RUN' ? node.trigger : undefined;
    for (const flag of run?.flags ?? []) {
      if (flag.name.text !== 'mount' || !flag.mountOptions || getMountType(mountTypeText(flag))?.type !== type) continue;
      for (const written of flag.mountOptions) {
        const value = written.value?.text;
        if (!value || seen.has(value) || /[\s,"']/.test(value) || getMountOption(type, written.key.text.trim())?.key !== option.key) continue;
        if (start + written.start <= offset && offset <= start + written.end) continue;
        seen.add(value);
        const line = doc.text.positionAt(start + written.start).line + 1;
        out.push(
          item(request, value, CompletionItemKind.Value, from, value, rankBase + out.length, {
            detail: `used on line ${line}`,
            documentation: writer.content(writer.block(flag.text)),
          }),
        );
      }
    }
  });
  return out;
}
