/**
 * The action's entry point (bundled to `dist/index.js`): run, then fail the step on a failed budget or a
 * user error, with a message and no stack trace.
 */
import * as core from '@actions/core';
import { runCostDiff } from '../engine.js';
import { UserError } from '../errors.js';
import { runAction } from './run.js';

async function main(): Promise<void> {
  try {
    const result = await runAction({ runCostDiff });
    if (result.failure) core.setFailed(result.failure);
  } catch (error) {
    if (error instanceof UserError) core.setFailed(error.message);
    else {
      core.debug(error instanceof Error && error.stack ? error.stack : String(error));
      core.setFailed(`llm-cost-diff failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

await main();
