import { t as UserError } from "./errors-BP3aFgpT.js";
import { c as createRestClient, i as GitHubApiError, l as getRetryBaseMs, o as getMaxContentLength, r as getPullRequest, t as upsertStickyComment } from "./sticky-comment-CWgsQYK3.js";
import { t as getCommentBody } from "./comment-JLzGwfDa.js";
// src/cli/github.ts
/**
* The CLI's GitHub side, for CI systems other than GitHub Actions: read the pull request's labels (for the
* budget's approval label) and post the same sticky comment the action posts, through `@octokit/rest` with the
* same retry and throttling. Failures are `UserError`s with a message that says what to fix (exit code 2).
*/
function splitRepository(repository) {
	const [owner, repo, ...rest] = repository.split("/");
	if (!owner || !repo || rest.length > 0) throw new UserError(`--github-repo must be owner/name (got '${repository}')`);
	return {
		owner,
		repo
	};
}
function getClient(target, log) {
	const baseUrl = target.apiUrl ?? process.env["GITHUB_API_URL"] ?? void 0;
	return createRestClient(target.token, {
		...baseUrl ? { baseUrl } : {},
		...log ? { log } : {},
		retryBaseMs: getRetryBaseMs()
	});
}
/** Internal: the web address of the repository, from the API URL (github.com, or a GitHub Enterprise Server). */
function getRepositoryUrl(target) {
	const api = (target.apiUrl ?? process.env["GITHUB_API_URL"] ?? "https://api.github.com").replace(/\/+$/, "");
	return `${(process.env["GITHUB_SERVER_URL"] || (api === "https://api.github.com" ? "https://github.com" : api.replace(/\/api\/v3$/, ""))).replace(/\/+$/, "")}/${target.repository}`;
}
function asUserError(error) {
	return error instanceof GitHubApiError ? new UserError(error.message) : error;
}
/** The pull request (labels, head SHA), to pass `labels` to `runCostDiff` before the report is made. */
async function getPullRequestForCli(target, log, client) {
	const { owner, repo } = splitRepository(target.repository);
	try {
		return await getPullRequest(client ?? getClient(target, log), {
			owner,
			repo,
			number: target.pr
		});
	} catch (error) {
		throw asUserError(error);
	}
}
/**
* Posts (or updates) the sticky comment for `report` on pull request `target.pr`, as the action does; links
* point at the report's head commit. Call it after the report is rendered, before exiting with the verdict.
*/
async function postPullRequestComment(report, target, log, settings = {}) {
	const { owner, repo } = splitRepository(target.repository);
	const client = settings.client ?? getClient(target, log);
	const key = settings.key ?? "default";
	try {
		const pr = await getPullRequest(client, {
			owner,
			repo,
			number: target.pr
		});
		const headSha = report.head.sha;
		const content = getCommentBody(report, {
			repositoryUrl: getRepositoryUrl(target),
			maxLength: getMaxContentLength(key),
			...key !== "default" ? { title: key } : {},
			fullReportHint: "Run llm-cost-diff with --format json for the full report."
		});
		return await upsertStickyComment(client, {
			owner,
			repo,
			issueNumber: target.pr,
			mode: settings.mode ?? "update",
			key,
			headSha,
			content,
			runTime: settings.runTime ?? /* @__PURE__ */ new Date(),
			currentHeadSha: pr.headSha,
			fromFork: pr.fromFork,
			...log ? { log } : {}
		});
	} catch (error) {
		throw asUserError(error);
	}
}
export { getPullRequestForCli, postPullRequestComment };
