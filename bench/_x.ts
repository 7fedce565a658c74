import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../server/src/languageService';
import { generateDockerfile } from './generate';
const s = createLanguageService();
const text = generateDockerfile(50000, { errors: true });
const doc = s.analyze(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, text));
const syms = (s as any).getDocumentSymbols ? (s as any).getDocumentSymbols(doc) : null;
console.log(Object.keys(s).join(' '));
if (syms) { console.log(JSON.stringify(syms).length, syms.length); console.log(JSON.stringify(syms[3])); }
