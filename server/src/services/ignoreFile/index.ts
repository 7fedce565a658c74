// The language service of a `.dockerignore` file: the ignore file a Dockerfile's build reads, whose
// patterns CopyIgnoredFile and invalid-dockerignore already read from the Dockerfile's side. Pure
// functions of the document's text, as the Dockerfile's services are of its model.

export { getIgnoreFileCodeActions } from './codeActions';
export { getIgnoreFileCompletions } from './completion';
export { getIgnoreFileDiagnostics } from './diagnostics';
export { getIgnoreFileHover } from './hover';
