// completionItem/resolve: the documentation of an item, looked up again from its `data` key and
// rendered from the facts, so the first completion answer stays small.

import type { CompletionItem } from 'vscode-languageserver-types';
import {
  BOOLEAN_VALUES,
  booleanValues,
  CHMOD_MODES,
  EXPOSE_PROTOCOLS,
  PLATFORMS,
  getBuildCheck,
  getCheckOption,
  getCommonImage,
  getDirective,
  getFlag,
  getGitQueryParameter,
  getHadolintRule,
  getInstruction,
  getLabelKey,
  getMountOption,
  getMountType,
  getPredefinedArg,
  getSignal,
  type FlagFact,
  type InstructionName,
  type MountType,
  type ValueFact,
} from '../../facts';
import {
  renderCheckOption,
  renderCheckRule,
  renderDirective,
  renderDirectiveValue,
  renderFlag,
  renderFlagValue,
  renderImage,
  renderInstruction,
  renderLabelKey,
  renderMountOption,
  renderMountOptionValue,
  renderMountType,
  renderGitQueryParameter,
  renderPredefinedArg,
  renderSignal,
  type DocFormat,
} from '../../facts/render';
import { hadolintCodeDoc } from '../hover/pragmas';
import { protocolDoc } from '../hover/values';
import type { ResolveData } from './items';

/** The values a flag can take, for documenting one of them. */
export function flagValues(flag: FlagFact): readonly ValueFact[] {
  switch (flag.value.kind) {
    case 'enum':
      return flag.value.values;
    case 'boolean':
      return booleanValues(flag.default);
    case 'platform':
      return PLATFORMS;
    case 'chmod':
      return CHMOD_MODES;
    default:
      return [];
  }
}

function isResolveData(data: unknown): data is ResolveData {
  return typeof data === 'object' && data !== null && typeof (data as { k?: unknown }).k === 'string' && typeof (data as { key?: unknown }).key === 'string';
}

/** Documentation for `data`, or undefined when it names nothing known. */
export function documentationFor(data: ResolveData, format: DocFormat): string | undefined {
  switch (data.k) {
    case 'instruction': {
      const fact = getInstruction(data.key);
      return fact && renderInstruction(fact, format);
    }
    case 'flag': {
      const flag = getFlag(data.i, data.key);
      return flag && renderFlag(data.i as InstructionName, flag, format);
    }
    case 'flag-value': {
      const flag = getFlag(data.i, data.f);
      const value = flag && flagValues(flag).find((v) => v.value === data.key);
      return flag && value && renderFlagValue(data.i as InstructionName, flag, value, format);
    }
    case 'mount-type': {
      const mount = getMountType(data.key);
      return mount && renderMountType(mount, format);
    }
    case 'mount-option': {
      const option = getMountOption(data.t, data.key);
      return option && renderMountOption(data.t as MountType, option, format);
    }
    case 'mount-value': {
      const option = getMountOption(data.t, data.o);
      const values = option?.value.kind === 'enum' ? option.value.values : option?.value.kind === 'boolean' ? BOOLEAN_VALUES : [];
      const value = values.find((v) => v.value === data.key);
      return option && value && renderMountOptionValue(data.t as MountType, option, value, format);
    }
    case 'directive': {
      const directive = getDirective(data.key);
      return directive && renderDirective(directive, format);
    }
    case 'directive-value': {
      const directive = getDirective(data.d);
      const value = directive?.values.find((v) => v.value === data.key);
      return directive && value && renderDirectiveValue(directive, value, format);
    }
    case 'check-option': {
      const option = getCheckOption(data.key);
      return option && renderCheckOption(option, format);
    }
    case 'check-rule': {
      const check = getBuildCheck(data.key);
      return check && renderCheckRule(check, format);
    }
    case 'hadolint-code':
      return getHadolintRule(data.key) && hadolintCodeDoc(data.key, format);
    case 'arg': {
      const arg = getPredefinedArg(data.key);
      return arg && renderPredefinedArg(arg, format);
    }
    case 'label': {
      const label = getLabelKey(data.key);
      return label && renderLabelKey(label, format);
    }
    case 'image': {
      const image = getCommonImage(data.key);
      return image && renderImage(image, format);
    }
    case 'signal': {
      const signal = getSignal(data.key);
      return signal && renderSignal(signal, format);
    }
    case 'protocol': {
      const protocol = EXPOSE_PROTOCOLS.find((p) => p.value === data.key);
      return protocol && protocolDoc(protocol, format);
    }
    case 'git-query': {
      const parameter = getGitQueryParameter(data.key);
      return parameter && renderGitQueryParameter(parameter, format);
    }
  }
}

/** Fills in `documentation`; items without known data come back unchanged. Never throws. */
export function resolveCompletionItem(item: CompletionItem, format: DocFormat): CompletionItem {
  if (!isResolveData(item.data)) return item;
  let value: string | undefined;
  try {
    value = documentationFor(item.data, format);
  } catch {
    // The client echoes `data` back; a damaged key only means no documentation.
    value = undefined;
  }
  return value === undefined ? item : { ...item, documentation: { kind: format, value } };
}
