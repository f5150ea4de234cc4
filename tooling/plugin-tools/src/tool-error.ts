/**
 * A failure the person at the terminal can fix: its message names the file and says
 * what to do, so the command line prints it as is, without a stack trace.
 */
export class PluginToolError extends Error {
  override readonly name = 'PluginToolError';
}

export function isPluginToolError(error: unknown): error is PluginToolError {
  return error instanceof PluginToolError;
}
