// The instruction node: one class, so that every instruction of every tree has one compact shape.

import type { Flag, Heredoc, InstructionNode, JsonArray, KeyValue, Span, SyntaxError, Token, VariableRef } from './nodes';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The fields most instructions leave empty (a bare `--`, HEALTHCHECK's type, ONBUILD's trigger,
 * comment and blank lines inside a continued instruction, errors): one object holds them for the
 * instructions that have any, and the others keep one empty field where they kept six.
 */
class RareFields {
  constructor(
    readonly flagTerminator: Span | undefined,
    readonly healthcheckType: Token | undefined,
    readonly trigger: InstructionNode | undefined,
    readonly innerComments: readonly Span[],
    readonly emptyContinuationLines: readonly Span[],
    readonly errors: readonly SyntaxError[],
  ) {}
}

/**
 * An instruction node (see InstructionNode). Its variable references are found while it is parsed:
 * every version's model asks for them right away, and finding them later kept the parse's scratch
 * state (the logical line, the unshared lists) alive until then, about 8 MB of a 50,000-line open.
 * `kind` is the prototype's, and the rare fields are read through getters (see RareFields): a large
 * file has tens of thousands of instructions, each of them 48 bytes smaller so.
 */
export class Instruction implements InstructionNode {
  declare readonly kind: 'instruction';
  readonly length: number;
  readonly keyword: Token;
  readonly name: string;
  readonly flags: readonly Flag[];
  readonly args: Token | undefined;
  readonly argList: readonly Token[];
  readonly json: JsonArray | undefined;
  readonly pairs: readonly KeyValue[];
  readonly heredocs: readonly Heredoc[];
  readonly continuations: readonly Span[];
  readonly variables: readonly VariableRef[];
  private readonly rare: RareFields | undefined;

  constructor(fields: Omit<InstructionNode, 'kind'>) {
    this.length = fields.length;
    this.keyword = fields.keyword;
    this.name = fields.name;
    this.flags = fields.flags;
    this.args = fields.args;
    this.argList = fields.argList;
    this.json = fields.json;
    this.pairs = fields.pairs;
    this.heredocs = fields.heredocs;
    this.continuations = fields.continuations;
    this.variables = fields.variables;
    const { flagTerminator, healthcheckType, trigger, innerComments, emptyContinuationLines, errors } = fields;
    this.rare =
      flagTerminator || healthcheckType || trigger || innerComments.length || emptyContinuationLines.length || errors.length
        ? new RareFields(flagTerminator, healthcheckType, trigger, innerComments, emptyContinuationLines, errors)
        : undefined;
  }

  get flagTerminator(): Span | undefined {
    return this.rare?.flagTerminator;
  }
  get healthcheckType(): Token | undefined {
    return this.rare?.healthcheckType;
  }
  get trigger(): InstructionNode | undefined {
    return this.rare?.trigger;
  }
  get innerComments(): readonly Span[] {
    return this.rare ? this.rare.innerComments : EMPTY;
  }
  get emptyContinuationLines(): readonly Span[] {
    return this.rare ? this.rare.emptyContinuationLines : EMPTY;
  }
  get errors(): readonly SyntaxError[] {
    return this.rare ? this.rare.errors : EMPTY;
  }
}
Object.defineProperty(Instruction.prototype, 'kind', { value: 'instruction', enumerable: true });
