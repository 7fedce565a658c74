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

export const InvalidDefinitionDescription: FileRule = {
  ...checkMeta('InvalidDefinitionDescription'),
  scope: 'file',
  check({ tree, report }) {
    for (const { node, index } of tree.instructions()) {
      if (node.name !== 'ARG' && node.name !== 'FROM') continue;
      const comments = tree.commentBlockBefore(index).filter(({ node: comment, start }) => !checkOptionOfComment(tree.slice(start + comment.span.start, start + comment.span.end)));
      const last = comments[comments.length - 1];
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
      if (!names.length || names.includes(last.node.content.split(' ')[0])) continue;
      const example = names.length > 1 ? '<arg_key>' : names[0];
      report({
        nodeIndex: index,
        start: last.start + last.node.span.start,
        end: last.start + last.node.span.end,
        message: `This comment reads as the description of the ${what} below but does not follow '# ${example} <description>'. Start it with '${example}', or end the comment block with an empty '#' line if it is not a description.`,
      });
    }
  },
};
