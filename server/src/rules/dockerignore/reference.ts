/** The reference for `.dockerignore` files. */
export const DOCKERIGNORE_REFERENCE = 'https://docs.docker.com/build/concepts/context/#dockerignore-files';
