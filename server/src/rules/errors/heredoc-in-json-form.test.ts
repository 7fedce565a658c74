import { describe, it } from 'vitest';
import { heredocInJsonForm } from './heredoc-in-json-form';
import { checkErrors } from './testing';

const message = (instruction: string, name: string, shellForm: string) =>
  `The JSON form has no heredocs: ${instruction} copies an empty file named "${name}" here, and the lines after it are instructions. For a heredoc, use the shell form: ${shellForm}, then the body and a line "${name}".`;

describe('heredoc-in-json-form', () => {
  it('reports a heredoc marker as a JSON-form source of COPY or ADD, an ONBUILD trigger too', () => {
    checkErrors(
      'FROM alpine\nCOPY [$["<<EOF"$], "/etc/motd"]\nRUN true\nADD ["a", $["<<-\'END\'"$], $["<< B"$], "/my dir/"]\nONBUILD COPY [$["3<<X"$], "/x"]\n',
      [
        ['heredoc-in-json-form', message('COPY', 'EOF', 'COPY <<EOF /etc/motd')],
        ['heredoc-in-json-form', message('ADD', 'END', "ADD <<-'END' <destination>")],
        ['heredoc-in-json-form', message('ADD', 'B', 'ADD <<B <destination>')],
        ['heredoc-in-json-form', message('COPY', 'X', 'COPY 3<<X /x')],
      ],
      [heredocInJsonForm],
    );
  });

  it('accepts shell-form heredocs, other JSON sources, a JSON-form RUN, and what BuildKit reads as a path', () => {
    checkErrors(
      'FROM alpine\nCOPY <<EOF /x\nhi\nEOF\nCOPY ["a b", "<<", "<<a b", "/x/"]\nRUN ["cat", "<<EOF"]\nCOPY ["a", "<<EOF"]\n',
      [],
      [heredocInJsonForm],
    );
  });
});
