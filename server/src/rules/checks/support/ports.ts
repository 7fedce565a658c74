// The ports of the EXPOSE instructions of each stage, after variable expansion, split the way
// BuildKit splits `[ip:]hostPort:containerPort[/protocol]`.

import type { DockerfileModel } from '../../../semantics';
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

/** Each EXPOSE word of every stage with the ports it expands to. */
export function* exposedPorts(tree: SyntaxTree, model: DockerfileModel): IterableIterator<ExposeWord> {
  for (const stage of model.stages) {
    for (let index = stage.nodeIndex + 1; index <= stage.lastNodeIndex; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction' || node.name !== 'EXPOSE') continue;
      const start = tree.start(index);
      const environment = environmentAt(model, index);
      for (const word of node.argList) {
        const expanded = expandWords(word.text, environment, tree.escape);
        if (expanded?.length) yield { index, start, word, ports: expanded.map(splitPort) };
      }
    }
  }
}
