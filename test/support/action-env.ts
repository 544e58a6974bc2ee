// The environment GitHub gives a JavaScript action, in a temp folder: event payload, output and summary files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface WebhookExample {
  name: string;
  examples: Record<string, any>[];
}

function loadExamples(): WebhookExample[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8')) as WebhookExample[];
}

/** A real `pull_request` (`opened`) payload from @octokit/webhooks-examples, pointed at our commits. */
export function getPullRequestPayload(options: { baseSha: string; headSha: string; labels?: string[]; fromFork?: boolean }): Record<string, any> {
  const example = loadExamples().find((e) => e.name === 'pull_request')!.examples.find((e) => e['action'] === 'opened')!;
  const payload = structuredClone(example);
  payload['pull_request'].base.sha = options.baseSha;
  payload['pull_request'].head.sha = options.headSha;
  payload['pull_request'].labels = (options.labels ?? []).map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: '', name, color: 'ededed', default: false, description: null }));
  if (options.fromFork) payload['pull_request'].head.repo.full_name = `fork-owner/${payload['repository'].name}`;
  return payload;
}

/** A real `push` payload, pointed at our commits. */
export function getPushPayload(options: { before: string; after: string }): Record<string, any> {
  const payload = structuredClone(loadExamples().find((e) => e.name === 'push')!.examples[0]!);
  payload['before'] = options.before;
  payload['after'] = options.after;
  return payload;
}

export interface ActionEnvironment {
  dir: string;
  env: Record<string, string>;
  /** The outputs the step set (parsed from GITHUB_OUTPUT). */
  readOutputs(): Record<string, string>;
  readSummary(): string;
}

/** Files and variables for one action run. `inputs` are named as in action.yml. */
export function createActionEnvironment(options: {
  eventName: string;
  payload: unknown;
  apiUrl: string;
  workspace: string;
  inputs?: Record<string, string>;
}): ActionEnvironment {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-diff-action-'));
  const eventPath = path.join(dir, 'event.json');
  const outputPath = path.join(dir, 'output.txt');
  const summaryPath = path.join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const payload = options.payload as { repository: { full_name: string } };
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: payload.repository.full_name,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_RUN_ID: '1234',
    RUNNER_TEMP: dir,
    LLM_COST_DIFF_TEST_RETRY_BASE_MS: '5',
  };
  const inputs = { 'github-token': 'ghs_test_token', comment: 'update', 'fail-on': 'budget', ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return {
    dir,
    env,
    readOutputs() {
      const text = readFileSync(outputPath, 'utf8');
      const outputs: Record<string, string> = {};
      const pattern = /^([^<\n]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n?\2$/gm;
      for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
      return outputs;
    },
    readSummary() {
      return readFileSync(summaryPath, 'utf8');
    },
  };
}
