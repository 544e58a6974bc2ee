import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export type Format = 'text' | 'markdown' | 'json';

export interface CliOptions {
  command: 'diff' | 'init' | 'help' | 'version';
  base?: string;
  /** Undefined: the working tree (the checked-out commit plus uncommitted edits). */
  head?: string;
  repoDir: string;
  configPath?: string;
  format: Format;
  output?: string;
  /** GitHub posting from other CI: token, `owner/name`, pull request number. */
  github?: { token: string; repository: string; pr: number; apiUrl?: string };
  force: boolean;
  quiet: boolean;
}

export const USAGE = `Usage: llm-cost-diff --base <ref> [options]
       llm-cost-diff init [--repo <dir>] [--force]

Projects the monthly LLM cost of the call sites and prompts in a repository at two git refs and reports the
difference, with a budget verdict.

Options:
  --base <ref>          the ref to compare with (required), e.g. origin/main or v1.2.0
  --head <ref>          the ref to review, read from git (default: the working tree, at HEAD)
  --repo <dir>          the repository folder (default: the current folder)
  --config <file>       config file (default: .github/llm-cost.yml, then llm-cost.yml; none = defaults)
  --format <format>     text | markdown | json (default: text)
  --output <file>       write the report to a file instead of standard output
  -q, --quiet           no progress lines on standard error
  --github-token <t>    post the report as a sticky pull-request comment (with --github-repo and --pr)
  --github-repo <o/n>   the GitHub repository (also accepted as --repo owner/name when that is not a folder)
  --pr <number>         the pull request to comment on
  --github-api-url <u>  GitHub API base URL (default: https://api.github.com, or GITHUB_API_URL)
  --force               init: overwrite existing files
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 within budget (or warn), 1 budget failed, 2 usage, config or git error.
`;

/** Parses the command line; a bad flag is a UserError naming it (exit 2). */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        repo: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'github-token': { type: 'string' },
        'github-repo': { type: 'string' },
        'github-api-url': { type: 'string' },
        pr: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\nRun llm-cost-diff --help for the options.`);
  }
  const { values, positionals } = parsed;
  const command = values.help ? 'help' : values.version ? 'version' : positionals[0] === 'init' ? 'init' : 'diff';
  if (positionals.length > (command === 'init' ? 1 : 0) && command !== 'help' && command !== 'version') {
    throw new UserError(`unexpected argument '${positionals[command === 'init' ? 1 : 0]}'. Run llm-cost-diff --help for the options.`);
  }
  const format = (values.format ?? 'text') as Format;
  if (!['text', 'markdown', 'json'].includes(format)) throw new UserError(`--format must be text, markdown or json (got '${values.format}')`);

  // `--repo owner/name` names the GitHub repository when it is not a folder here (the form other CIs use).
  let repoDir = values.repo ?? '.';
  let githubRepo = values['github-repo'];
  if (values.repo && /^[\w.-]+\/[\w.-]+$/.test(values.repo) && !isDirectory(values.repo) && values['github-token']) {
    githubRepo ??= values.repo;
    repoDir = '.';
  }
  if (!isDirectory(repoDir)) throw new UserError(`--repo: '${repoDir}' is not a folder`);

  let github: CliOptions['github'];
  if (values['github-token'] !== undefined) {
    if (!githubRepo) throw new UserError('--github-token needs --github-repo owner/name (or --repo owner/name)');
    if (!/^[\w.-]+\/[\w.-]+$/.test(githubRepo)) throw new UserError(`--github-repo must be owner/name (got '${githubRepo}')`);
    const pr = Number(values.pr);
    if (!values.pr || !Number.isInteger(pr) || pr <= 0) throw new UserError('--github-token needs --pr <number>, the pull request to comment on');
    github = { token: values['github-token'], repository: githubRepo, pr, ...(values['github-api-url'] ? { apiUrl: values['github-api-url'] } : {}) };
  }
  if (command === 'diff' && !values.base) throw new UserError('--base <ref> is required, e.g. --base origin/main\nRun llm-cost-diff --help for the options.');
  return {
    command,
    ...(values.base ? { base: values.base } : {}),
    ...(values.head ? { head: values.head } : {}),
    repoDir,
    ...(values.config ? { configPath: values.config } : {}),
    format,
    ...(values.output ? { output: values.output } : {}),
    ...(github ? { github } : {}),
    force: values.force ?? false,
    quiet: values.quiet ?? false,
  };
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
