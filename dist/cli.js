#!/usr/bin/env node
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { t as UserError } from "./chunks/errors-BP3aFgpT.js";
import { t as TOOL_VERSION } from "./chunks/version-gpMK7Y8H.js";
import { parseArgs } from "node:util";
// src/cli/args.ts
const USAGE = `Usage: llm-cost-diff --base <ref> [options]
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
function parseCli(argv) {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				base: { type: "string" },
				head: { type: "string" },
				repo: { type: "string" },
				config: { type: "string" },
				format: { type: "string" },
				output: { type: "string" },
				quiet: {
					type: "boolean",
					short: "q"
				},
				"github-token": { type: "string" },
				"github-repo": { type: "string" },
				"github-api-url": { type: "string" },
				pr: { type: "string" },
				force: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				},
				version: {
					type: "boolean",
					short: "v"
				}
			}
		});
	} catch (error) {
		throw new UserError(`${error.message}\nRun llm-cost-diff --help for the options.`);
	}
	const { values, positionals } = parsed;
	const command = values.help ? "help" : values.version ? "version" : positionals[0] === "init" ? "init" : "diff";
	if (positionals.length > (command === "init" ? 1 : 0) && command !== "help" && command !== "version") throw new UserError(`unexpected argument '${positionals[command === "init" ? 1 : 0]}'. Run llm-cost-diff --help for the options.`);
	const format = values.format ?? "text";
	if (![
		"text",
		"markdown",
		"json"
	].includes(format)) throw new UserError(`--format must be text, markdown or json (got '${values.format}')`);
	let repoDir = values.repo ?? ".";
	let githubRepo = values["github-repo"];
	if (values.repo && /^[\w.-]+\/[\w.-]+$/.test(values.repo) && !isDirectory(values.repo) && values["github-token"]) {
		githubRepo ??= values.repo;
		repoDir = ".";
	}
	if (!isDirectory(repoDir)) throw new UserError(`--repo: '${repoDir}' is not a folder`);
	let github;
	if (values["github-token"] !== void 0) {
		if (!githubRepo) throw new UserError("--github-token needs --github-repo owner/name (or --repo owner/name)");
		if (!/^[\w.-]+\/[\w.-]+$/.test(githubRepo)) throw new UserError(`--github-repo must be owner/name (got '${githubRepo}')`);
		const pr = Number(values.pr);
		if (!values.pr || !Number.isInteger(pr) || pr <= 0) throw new UserError("--github-token needs --pr <number>, the pull request to comment on");
		github = {
			token: values["github-token"],
			repository: githubRepo,
			pr,
			...values["github-api-url"] ? { apiUrl: values["github-api-url"] } : {}
		};
	}
	if (command === "diff" && !values.base) throw new UserError("--base <ref> is required, e.g. --base origin/main\nRun llm-cost-diff --help for the options.");
	return {
		command,
		...values.base ? { base: values.base } : {},
		...values.head ? { head: values.head } : {},
		repoDir,
		...values.config ? { configPath: values.config } : {},
		format,
		...values.output ? { output: values.output } : {},
		...github ? { github } : {},
		force: values.force ?? false,
		quiet: values.quiet ?? false
	};
}
function isDirectory(path) {
	return existsSync(path) && statSync(path).isDirectory();
}
// src/cli/main.ts
async function main(argv) {
	const options = parseCli(argv);
	if (options.command === "help") {
		process.stdout.write(USAGE);
		return 0;
	}
	if (options.command === "version") {
		process.stdout.write(`${TOOL_VERSION}\n`);
		return 0;
	}
	if (options.command === "init") {
		const { runInit } = await import("./chunks/init-BuoE17UP.js");
		return runInit({
			repoDir: options.repoDir,
			force: options.force,
			log: (line) => process.stderr.write(`${line}\n`)
		});
	}
	return runDiff(options);
}
async function runDiff(options) {
	const [{ runCostDiff }, { renderReport }] = await Promise.all([import("./chunks/engine-B-SK3nVE.js"), import("./chunks/render-DuuyAhnp.js")]);
	const log = options.quiet ? void 0 : (line) => process.stderr.write(`${line}\n`);
	const github = options.github ? await import("./chunks/github-CIS8HKw4.js") : void 0;
	const pullRequest = options.github ? await github.getPullRequestForCli(options.github, log) : void 0;
	const report = await runCostDiff({
		repoDir: options.repoDir,
		base: options.base,
		...options.head ? { head: options.head } : {},
		...options.configPath ? { configPath: options.configPath } : {},
		...pullRequest ? { labels: pullRequest.labels } : {},
		...log ? { log } : {}
	});
	const body = renderReport(report, options.format);
	if (options.output) writeAtomically(resolve(options.output), body);
	else process.stdout.write(body);
	if (options.github) await github.postPullRequestComment(report, options.github, log);
	return report.verdict.status === "fail" ? 1 : 0;
}
/** Nothing half-written: the report appears whole or not at all. */
function writeAtomically(path, text) {
	mkdirSync(dirname(path), { recursive: true });
	const temporary = `${path}.${process.pid}.tmp`;
	writeFileSync(temporary, text);
	renameSync(temporary, path);
}
main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
}, (error) => {
	if (error instanceof UserError) process.stderr.write(`llm-cost-diff: ${error.message}\n`);
	else process.stderr.write(`llm-cost-diff: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exitCode = 2;
});
export {};
