// DL3020: ADD of local files or folders only. ADD also fetches URLs, clones git repositories and
// unpacks local tar archives; for a plain copy COPY says what happens and nothing more. A heredoc
// source is local content too: BuildKit writes it to a file and copies that, never unpacking it, as
// COPY does. Not flagged: a source that is a URL, a git address, a tar archive (possibly
// compressed), or written with a variable; ADD with a flag COPY lacks; `ADD << EOF /x` and
// `ADD ["<<EOF", "/x"]`, which heredoc-not-copied and heredoc-in-json-form report (BuildKit copies
// paths or an empty file there, and COPY would not mend that). The fix renames the keyword, in its case.

import { heredocSourceName, isCopiedHeredoc } from '../../syntax';
import { quickFix } from '../checks/support/fixes';
import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';

/** Flags COPY has too, so the instruction means the same as COPY. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);
/** Archive names ADD may unpack (tar, alone or compressed), those hadolint's DL3020 accepts among them. */
const ARCHIVE = /\.(tar|tgz|taz|tz|tpz|tbz|tbz2|tb2|txz|tlz|tzst|gz|bz2|xz|lz|lzma|zst|z)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** Whether a source must stay with ADD (or cannot be judged without a build). */
function needsAdd(source: string): boolean {
  const path = source.replace(/^(["'])(.*)\1$/, '$2');
  return REMOTE.test(path) || ARCHIVE.test(path) || /[$]/.test(path) || path.endsWith('.git');
}

export const DL3020: InstructionRule = {
  ...practiceMeta('DL3020', 'error', 'ADD is used for local files or folders, where COPY does the same.'),
  scope: 'instruction',
  check(node, report) {
    // An ONBUILD ADD trigger too (its spans, like the node's, are relative to the ONBUILD line).
    const add = node.name === 'ONBUILD' ? node.trigger : node;
    if (add?.name !== 'ADD' || !node.heredocs.every(isCopiedHeredoc)) return;
    if (add.flags.some((flag) => !COPY_FLAGS.has(flag.name.text))) return;
    const sources = add.json ? add.json.elements.slice(0, -1).map((e) => e.value) : add.argList.slice(0, -1).map((t) => t.text);
    const paths = sources.filter((source) => heredocSourceName(source) === undefined);
    // A heredoc word in the JSON form is an empty file, which heredoc-in-json-form reports.
    if (add.json && paths.length < sources.length) return;
    if (sources.length === 0 || paths.some(needsAdd)) return;
    report({
      start: add.keyword.start,
      end: add.keyword.end,
      message:
        paths.length === 0
          ? 'Use COPY for heredocs: ADD copies a heredoc exactly as COPY does (it never unpacks one), and COPY says so.'
          : 'Use COPY to copy local files and folders: ADD also downloads URLs and unpacks archives, and COPY says that none of that happens here.',
    });
  },
  fixes(diagnostic, doc) {
    const start = doc.text.offsetAt(diagnostic.range.start);
    const end = doc.text.offsetAt(diagnostic.range.end);
    const word = doc.tree.slice(start, end);
    if (word.toUpperCase() !== 'ADD') return [];
    const copy = word === word.toLowerCase() ? 'copy' : word === word.toUpperCase() ? 'COPY' : 'Copy';
    return [quickFix('Replace ADD with COPY', doc, diagnostic, [{ start, end, text: copy }], true)];
  },
};
