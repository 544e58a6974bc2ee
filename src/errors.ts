/**
 * An error the user can fix (bad flag, bad config, unknown git ref): the CLI prints only its message and exits 2,
 * the action fails the step with it. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
