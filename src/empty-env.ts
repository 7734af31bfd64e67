/**
 * Empty means unset. Docker compose (`${VAR}`), Kubernetes (`value: ""`) and shell templates turn a
 * variable nobody set into an empty one; treating that as a value would fail validation (or, for the
 * AWS SDK, resolve an empty region). So every reader of the environment sees empty values as absent.
 */

/** A copy of `env` without the variables whose value is empty or only whitespace. */
export function withoutEmptyValues(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/**
 * Deletes empty variables from `env` in place (the entry point passes process.env), so libraries that
 * read the environment themselves (the AWS SDK's region and credential chains) agree with loadConfig.
 */
export function unsetEmptyVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed = Object.keys(env).filter((name) => env[name] !== undefined && env[name]!.trim() === '');
  for (const name of removed) delete env[name];
  return removed;
}
