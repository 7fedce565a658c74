// The semantic token legend: the ONE list of token types and modifiers. The server advertises
// exactly this, and the collector can only name an entry of it (types are checked by the
// compiler), so a token index outside the legend cannot be produced.
//
// What each type means in a Dockerfile (standard LSP types, so every theme colours them):
//   keyword        instruction keywords (ONBUILD's trigger too), `AS` in FROM, HEALTHCHECK CMD/NONE
//   parameter      a flag name with its dashes (`--mount`)
//   property       a `--mount` option key (`target`), a LABEL key
//   enumMember     a value from a fixed set: `--network=host`, `type=cache`, booleans, a signal name,
//                  an EXPOSE protocol
//   number         durations, sizes, modes and counts in flags; EXPOSE ports; an image digest
//   string         other flag and option values, ARG/ENV/LABEL values, JSON (exec form) strings,
//                  an image tag, a directive's value
//   variable       `$NAME` / `${NAME}` (with a modifier, `${NAME` and the closing `}`); ARG and ENV names
//                  where they are declared
//   operator       the modifier of `${NAME:-default}` (`:-`, `#`, `//`, ...), `=` in a directive
//   class          a stage name: `AS name` (declaration), `FROM name`, `--from=name`, `from=name`
//   type           an image repository (`library/alpine`), or an image named in `--from`
//   namespace      an image's registry (`ghcr.io`)
//   comment        comment lines, also inside continued instructions; the `#` of a directive
//   macro          a parser directive's key (`syntax`, `escape`, `check`)
//   label          a heredoc marker (`<<EOF`) and its terminator line
// Modifiers:
//   declaration    where a variable or stage name is declared
//   readonly       a predefined ARG BuildKit sets itself (TARGETPLATFORM, BUILDARCH, ...)
//   defaultLibrary any predefined ARG (platform, proxy, BuildKit's own)
//   deprecated     MAINTAINER

import type { SemanticTokensLegend } from 'vscode-languageserver-types';

export const TOKEN_TYPES = [
  'keyword',
  'parameter',
  'property',
  'enumMember',
  'number',
  'string',
  'variable',
  'operator',
  'class',
  'type',
  'namespace',
  'comment',
  'macro',
  'label',
] as const;

export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary', 'deprecated'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<TokenModifier, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

export function typeIndex(type: TokenType): number {
  return TYPE_INDEX.get(type)!;
}

export function modifierBits(modifiers: readonly TokenModifier[]): number {
  let bits = 0;
  for (const m of modifiers) bits |= MODIFIER_BIT.get(m)!;
  return bits;
}
