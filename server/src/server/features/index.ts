// Every LSP feature the server offers. A feature advertises only what it implements.
import type { Feature } from '../feature';
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import { documentLinksFeature } from './documentLinks';
import { foldingFeature } from './folding';
import { formattingFeature } from './formatting';
import { hoverFeature } from './hover';
import { inlayHintsFeature } from './inlayHints';
import { navigationFeature } from './navigation';
import { selectionRangeFeature } from './selectionRange';
import { semanticTokensFeature } from './semanticTokens';
import { signatureHelpFeature } from './signatureHelp';
import { symbolsFeature } from './symbols';
import { workspaceSymbolsFeature } from './workspaceSymbols';

export const FEATURES: readonly Feature[] = [
  symbolsFeature,
  hoverFeature,
  completionFeature,
  signatureHelpFeature,
  codeActionsFeature,
  navigationFeature,
  workspaceSymbolsFeature,
  documentLinksFeature,
  inlayHintsFeature,
  codeLensFeature,
  foldingFeature,
  selectionRangeFeature,
  semanticTokensFeature,
  formattingFeature,
];
