// InvalidDefinitionDescription (experimental): the comment right above an ARG or a named FROM
// reads as its description (tools show it in outlines and target lists) but does not start with
// the argument or stage name. BuildKit attaches to an instruction every comment line since the
// previous instruction, across blank lines, until an empty `#` line; the last one must start
// with the name. Parser directives are not comments here, and `# check=` comments are
// configuration, not descriptions.

import type { FileRule } from '../types';
import { checkOptionOfComment } from '../checkConfig';
import { checkMeta } from './support/meta';
import { stageNameTokens } from './support/nodes';

interface Comment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export const InvalidDefinitionDescription: FileRule = {
  ...checkMeta('InvalidDefinitionDescription'),
  scope: 'file',
  check({ tree, report }) {
    let comments: Comment[] = [];
    for (const { node, index, start } of tree.entries()) {
      if (node.kind === 'comment') {
        const line = tree.slice(start + node.span.start, start + node.span.end);
        if (node.content === '') comments = [];
        else if (!checkOptionOfComment(line)) comments.push({ text: node.content, start: start + node.span.start, end: start + node.span.end });
        continue;
      }
      if (node.kind !== 'instruction') continue;
      const last = comments[comments.length - 1];
      comments = [];
      if (!last) continue;
      let names: string[] = [];
      let what = '';
      if (node.name === 'ARG') {
        names = node.pairs.map((pair) => pair.key.text);
        what = 'ARG';
      } else if (node.name === 'FROM') {
        const tokens = stageNameTokens(node);
        if (tokens && tokens.as.text.toLowerCase() === 'as') names = [tokens.name.text.toLowerCase()];
        what = 'stage';
      }
      if (!names.length || names.includes(last.text.split(' ')[0])) continue;
      const example = names.length > 1 ? '<arg_key>' : names[0];
      report({
        nodeIndex: index,
        start: last.start,
        end: last.end,
        message: `This comment reads as the description of the ${what} below but does not follow '# ${example} <description>'. Start it with '${example}', or end the comment block with an empty '#' line if it is not a description.`,
      });
    }
  },
};
