/**
 * The action, start to end: read inputs and event, run the engine, write the JSON report, post the sticky comment,
 * write the job summary, annotations and outputs, and say whether the check fails. `main.ts` wires in the real
 * engine and `@actions/core`; the order here is the contract: the comment and summary are written before a
 * failed budget fails the step.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { createActionClient, getRetryBaseMs, type GitHubClient } from '../github/client.js';
import { getMaxContentLength } from '../github/marker.js';
import { getPullRequest } from '../github/pull-request.js';
import { GitHubApiError } from '../github/request-error.js';
import { upsertStickyComment, type StickyCommentResult } from '../github/sticky-comment.js';
import { getAnnotations } from '../report/annotations.js';
import { getCommentBody } from '../report/comment.js';
import type { Report } from '../report/report.js';
import { getRunTarget, type PullRequestTarget, type RunTarget } from './event.js';
import type { DiffOptions } from '../engine.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { getOutputs, type ActionOutputs } from './outputs.js';

/** The engine's entry point (`src/engine.ts`), injected so the shell is tested with a plain report. */
export type RunCostDiff = (options: DiffOptions) => Promise<Report>;

export interface ActionDependencies {
  runCostDiff: RunCostDiff;
  env?: NodeJS.ProcessEnv;
  createClient?: (token: string, baseUrl: string | undefined) => GitHubClient;
  now?: () => Date;
}

export interface ActionResult {
  report: Report;
  outputs: ActionOutputs;
  comment: StickyCommentResult | null;
  /** Set when the step must fail (a failed budget with `fail-on: budget`): the message for `core.setFailed`. */
  failure: string | null;
}

/** GitHub's limit on one step's summary. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

async function readEventPayload(eventPath: string | undefined): Promise<unknown> {
  if (!eventPath) return {};
  try {
    return JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${(error as Error).message}`);
  }
}

/** Internal: labels and head as GitHub has them now (a re-run after labelling sees the new label). */
async function refreshPullRequest(client: GitHubClient, target: PullRequestTarget): Promise<{ labels: string[]; currentHeadSha?: string }> {
  try {
    const pr = await getPullRequest(client, { owner: target.owner, repo: target.repo, number: target.number });
    return { labels: pr.labels, currentHeadSha: pr.headSha };
  } catch (error) {
    core.warning(`${(error as Error).message} Using the labels from the event payload.`);
    return { labels: target.labels };
  }
}

async function writeReport(report: Report, env: NodeJS.ProcessEnv, key: string): Promise<string> {
  const dir = path.join(env['RUNNER_TEMP'] || tmpdir(), 'llm-cost-diff');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `report-${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

async function publishComment(
  client: GitHubClient,
  target: PullRequestTarget,
  inputs: ActionInputs,
  content: string,
  runTime: Date,
  currentHeadSha: string | undefined,
): Promise<StickyCommentResult | null> {
  try {
    return await upsertStickyComment(client, {
      owner: target.owner,
      repo: target.repo,
      issueNumber: target.number,
      mode: inputs.comment,
      key: inputs.commentKey,
      headSha: target.headSha,
      content,
      runTime,
      fromFork: target.fromFork,
      log: core.info,
      ...(currentHeadSha ? { currentHeadSha } : {}),
    });
  } catch (error) {
    // The report is still in the summary and the verdict still sets the check: a comment that cannot be
    // written is reported, not fatal.
    if (error instanceof GitHubApiError && error.readOnlyToken) core.warning(error.message);
    else if (error instanceof GitHubApiError) core.error(error.message);
    else core.error(`Could not write the pull request comment: ${(error as Error).message}`);
    return null;
  }
}

/** Runs the action once. Throws `UserError` for bad inputs, config or refs (nothing is posted then). */
export async function runAction(deps: ActionDependencies): Promise<ActionResult> {
  const env = deps.env ?? process.env;
  const runTime = (deps.now ?? (() => new Date()))();
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const repoDir = path.resolve(workspace, inputs.workingDirectory);
  const target: RunTarget = getRunTarget({
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    payload: await readEventPayload(env['GITHUB_EVENT_PATH']),
    repository: env['GITHUB_REPOSITORY'] ?? '',
    sha: env['GITHUB_SHA'] ?? '',
    base: inputs.base,
    head: inputs.head,
  });

  const wantsComment = target.kind === 'pull_request' && inputs.comment !== 'off';
  if (wantsComment && !inputs.token) core.warning('No `github-token`: the report goes to the job summary only.');
  const client =
    wantsComment && inputs.token
      ? (deps.createClient ?? ((token, baseUrl) => createActionClient(token, { baseUrl, log: core.info, retryBaseMs: getRetryBaseMs(env) })))(
          inputs.token,
          env['GITHUB_API_URL'] || undefined,
        )
      : null;
  const fresh = client && target.kind === 'pull_request' ? await refreshPullRequest(client, target) : null;
  const labels = fresh?.labels ?? (target.kind === 'pull_request' ? target.labels : []);

  core.info(`Comparing ${target.base} with ${target.head ?? 'the checked-out commit'} in ${repoDir}`);
  const report = await deps.runCostDiff({
    repoDir,
    base: target.base,
    ...(target.head ? { head: target.head } : {}),
    ...(inputs.configPath ? { configPath: path.resolve(repoDir, inputs.configPath) } : {}),
    labels,
    log: core.info,
  });
  const reportPath = await writeReport(report, env, inputs.commentKey);

  // The engine reports paths from the git root, which is what links and annotations want.
  const serverUrl = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const linkReport: Report = { ...report, head: { ...report.head, sha: target.headSha || report.head.sha } };
  const common = {
    repositoryUrl: `${serverUrl}/${target.owner}/${target.repo}`,
    ...(inputs.commentKey !== 'default' ? { title: inputs.commentKey } : {}),
  };
  const runUrl = env['GITHUB_RUN_ID'] ? `${serverUrl}/${target.owner}/${target.repo}/actions/runs/${env['GITHUB_RUN_ID']}` : null;

  let comment: StickyCommentResult | null = null;
  if (client && target.kind === 'pull_request') {
    const content = getCommentBody(linkReport, {
      ...common,
      maxLength: getMaxContentLength(inputs.commentKey),
      fullReportHint: `The full report is in the job summary${runUrl ? ` of [this run](${runUrl})` : ''} and in the JSON report (output \`report-path\`).`,
    });
    comment = await publishComment(client, target, inputs, content, runTime, fresh?.currentHeadSha);
  }

  const summaryPath = env['GITHUB_STEP_SUMMARY'];
  if (summaryPath) {
    const summary = getCommentBody(linkReport, {
      ...common,
      // Headroom for what earlier steps of the job may have written.
      maxLength: MAX_SUMMARY_BYTES - 1024,
      measure: (text) => Buffer.byteLength(text, 'utf8'),
      fullReportHint: 'The full report is in the JSON report (output `report-path`).',
    });
    // Appended directly (core.summary caches the file path for the life of the process).
    await appendFile(summaryPath, summary);
  }

  for (const annotation of getAnnotations(report)) {
    const properties = { title: annotation.title, file: annotation.file, startLine: annotation.startLine };
    if (annotation.level === 'error') core.error(annotation.message, properties);
    else core.warning(annotation.message, properties);
  }

  const outputs = getOutputs(report, { reportPath, commentUrl: comment?.url ?? null });
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);

  const failed = report.verdict.status === 'fail' && inputs.failOn === 'budget';
  const failure = failed
    ? `LLM cost over budget: ${report.verdict.violations.map((v) => v.message).join('; ') || 'the budget failed'}`
    : null;
  return { report, outputs, comment, failure };
}
