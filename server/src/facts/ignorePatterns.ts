// The entries most `.dockerignore` files want, which completion offers in an ignore file with the
// reason for each: what a learner writing their first one would otherwise have to look up.
// `**/` where the thing turns up in any folder (a .dockerignore pattern starts at the context's root).

export interface IgnorePatternFact {
  readonly pattern: string;
  /** Why a build is better off without it (Markdown, our words). */
  readonly why: string;
}

export const COMMON_IGNORE_PATTERNS: readonly IgnorePatternFact[] = [
  {
    pattern: '.git',
    why: "The repository's history: often larger than the code, different after every commit (so a `COPY . .` is never cached), and it may hold secrets from old commits.",
  },
  { pattern: '**/node_modules', why: "Dependencies installed on your machine, for its system and architecture. The image installs its own (`RUN npm ci`)." },
  { pattern: '**/.env', why: 'Environment files usually hold secrets. Give them to the container when it runs, or to a build step as a secret (`RUN --mount=type=secret`).' },
  { pattern: '**/*.log', why: 'Logs change on every run and would invalidate the build cache of every COPY that takes them.' },
  { pattern: '**/__pycache__', why: "Python's compiled bytecode from your machine; Python in the image writes its own." },
  { pattern: '**/.venv', why: 'A Python virtual environment built on your machine, with links into its Python. The image makes its own.' },
  { pattern: '**/.DS_Store', why: "The folder settings macOS's Finder leaves everywhere." },
  { pattern: '**/.vscode', why: "Editor settings, which the image has no use for. (`.idea` is JetBrains' equivalent.)" },
  { pattern: '**/.idea', why: "JetBrains IDEs' project settings, which the image has no use for." },
  { pattern: '**/coverage', why: 'Test coverage reports, rebuilt at every test run.' },
  {
    pattern: 'Dockerfile*',
    why: 'The builder receives the Dockerfile whatever this file says: leaving it out keeps `COPY . .` from copying it into the image, and an edit to it from invalidating that step.',
  },
  { pattern: '.dockerignore', why: 'As for the Dockerfile: the builder reads it anyway, and leaving it out keeps it out of the image.' },
  {
    pattern: '*',
    why: 'Everything. Then bring back only what the build needs, one `!` line each (`!src`, `!package.json`): nothing else can slip into the image.',
  },
];
