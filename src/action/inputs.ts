/** The action's inputs (`action.yml`), read and checked: a wrong value is an error that names the input. */
import { UserError } from '../errors.js';
import { COMMENT_MODES, type CommentMode } from '../github/comment-plan.js';
import { COMMENT_KEY_PATTERN } from '../github/marker.js';

export interface ActionInputs {
  token: string;
  /** Empty: the engine looks for `.github/llm-cost.yml`, then `llm-cost.yml`. */
  configPath: string;
  workingDirectory: string;
  base: string;
  head: string;
  comment: CommentMode;
  commentKey: string;
  failOn: 'budget' | 'never';
}

const FAIL_ON = ['budget', 'never'] as const;

/** Reads every input through `getInput` (in the action: `core.getInput`, which trims). */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const comment = getInput('comment') || 'update';
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) {
    throw new UserError(`Input \`comment\` is ${JSON.stringify(comment)}; expected one of ${COMMENT_MODES.join(', ')}.`);
  }
  const failOn = getInput('fail-on') || 'budget';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UserError(`Input \`fail-on\` is ${JSON.stringify(failOn)}; expected one of ${FAIL_ON.join(', ')}.`);
  }
  const commentKey = getInput('comment-key') || 'default';
  if (!COMMENT_KEY_PATTERN.test(commentKey)) {
    throw new UserError(
      `Input \`comment-key\` is ${JSON.stringify(commentKey)}; use up to 100 letters, digits, \`.\`, \`_\`, \`-\` or \`/\`.`,
    );
  }
  return {
    token: getInput('github-token'),
    configPath: getInput('config'),
    workingDirectory: getInput('working-directory') || '.',
    base: getInput('base'),
    head: getInput('head'),
    comment: comment as CommentMode,
    commentKey,
    failOn: failOn as ActionInputs['failOn'],
  };
}
