// Shared by the e2e runner and the extension-host suite, which import nothing else from each other.
/** Set in the environment of a code-server whose workspace is untrusted: the suite then checks it runs in Restricted Mode. */
export const RESTRICTED_MODE_VARIABLE = 'DOCKERFILE_LSP_SUITE_RESTRICTED_MODE';
