// The ports of the EXPOSE instructions of each stage, after variable expansion, split the way
// BuildKit splits `[ip:]hostPort:containerPort[/protocol]`.

import type { DockerfileModel, Stage } from '../../../semantics';
import type { SyntaxTree, Token } from '../../../syntax';
import { environmentAt, expandWords } from './expand';

export interface ExposedPort {
  /** The port as the builder sees it, e.g. `127.0.0.1:80:80/TCP`. */
  readonly raw: string;
  readonly ip: string;
  readonly hostPort: string;
  readonly protocol: string;
}

export interface ExposeWord {
  readonly index: number;
  readonly start: number;
  readonly word: Token;
  readonly ports: readonly ExposedPort[];
}

export function splitPort(raw: string): ExposedPort {
  const parts = raw.split(':');
  const ip = parts.length > 2 ? parts.slice(0, -2).join(':') : '';
  const hostPort = parts.length > 1 ? parts[parts.length - 2] : '';
  const container = parts[parts.length - 1];
  const slash = container.indexOf('/');
  return { raw, ip, hostPort, protocol: slash < 0 ? '' : container.slice(slash + 1) };
}

/** Each EXPOSE word of a stage with the ports it expands to. */
export function exposedPorts(tree: SyntaxTree, model: DockerfileModel, stage: Stage): ExposeWord[] {
  const out: ExposeWord[] = [];
  tree.forEach((node, start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || node.name !== 'EXPOSE') return;
    const environment = environmentAt(model, index);
    for (const word of node.argList) {
      const expanded = expandWords(word.text, environment, tree.escape);
      if (expanded?.length) out.push({ index, start, word, ports: expanded.map(splitPort) });
    }
  }, stage.nodeIndex + 1);
  return out;
}
