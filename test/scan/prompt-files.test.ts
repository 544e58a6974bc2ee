import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { TestRepo } from '../support/git-repo.js';

let repo: TestRepo;
afterEach(() => repo?.remove());

const githubPrompt = (model: string, system: string) => `name: Triage
model: ${model}
modelParameters:
  max_tokens: 200
messages:
  - role: system
    content: ${JSON.stringify(system)}
  - role: user
    content: "{{issue}}"
`;

const prompty = (deployment: string) => `---
name: Answer
model:
  api: chat
  configuration:
    type: azure_openai
    azure_deployment: ${deployment}
  parameters:
    max_tokens: 400
---
system:
You answer questions about our product documentation.

user:
{{question}}
`;

describe('prompt files that declare a model', () => {
  test('are call sites of their own: model and prompt changes are priced', async () => {
    repo = new TestRepo();
    repo.commit({
      'prompts/triage.prompt.yml': githubPrompt('openai/gpt-4o-mini', 'Label the issue as bug or feature.'),
      'prompts/answer.prompty': prompty('gpt-4o'),
      'prompts/notes.md': 'A prompt without a model is only counted where code reads it.\n',
    });
    repo.commit({ 'prompts/triage.prompt.yml': githubPrompt('openai/gpt-4o', 'Label the issue as bug or feature. Explain why in one sentence.') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => s.id).sort()).toEqual(['prompts/answer.prompty#<top>/prompt-file#0', 'prompts/triage.prompt.yml#<top>/prompt-file#0']);
    const triage = report.sites.find((s) => s.file === 'prompts/triage.prompt.yml')!;
    expect(triage).toMatchObject({ status: 'changed', line: 2, sdk: 'prompt-file' });
    expect(triage.changes.map((c) => c.kind)).toEqual(['model', 'prompt']);
    expect(triage.head).toMatchObject({ model: 'gpt-4o', provider: 'openai', maxOutputTokens: 200 });
    expect(report.sites.find((s) => s.file === 'prompts/answer.prompty')).toMatchObject({ status: 'unchanged', head: { model: 'gpt-4o', provider: 'azure', maxOutputTokens: 400 } });
    expect(report.scan.promptFiles).toBe(3);
  });

  test('broken front matter is a warning naming the file', async () => {
    repo = new TestRepo();
    repo.commit({ 'prompts/x.prompty': '---\nmodel: [unclosed\n---\nhello\n' });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'parse-error', file: 'prompts/x.prompty' }));
  });
});
