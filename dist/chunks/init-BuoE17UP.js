import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { n as DEFAULT_TRAFFIC } from "./schema-CCFZpEMj.js";
import { t as UserError } from "./errors-BP3aFgpT.js";
// src/cli/init.ts
/**
* `llm-cost-diff init`: writes `.github/llm-cost.yml` (defaults, one commented traffic rule per call site found,
* a starting budget) and `.github/workflows/llm-cost.yml` (the action with minimal permissions and a
* concurrency group). The builders are pure; `runInit` lists the call sites and writes the files, and refuses to
* overwrite either file without `--force`.
*/
/** The action as a workflow refers to it. */
const ACTION_REFERENCE = "llm-cost-diff/llm-cost-diff@v1";
const CONFIG_FILE = ".github/llm-cost.yml";
const WORKFLOW_FILE = ".github/workflows/llm-cost.yml";
/** Internal: text from the repository inside a YAML comment: one line, no control characters. */
function toCommentText(text) {
	return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").slice(0, 200);
}
/** The config file's text: valid YAML for the config schema, with the traffic rules commented out. */
function getInitConfig(sites) {
	const rules = [...sites].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id)).flatMap((site) => [
		`#   # ${toCommentText(`${site.file}:${site.line} · ${site.method} · model ${site.model ?? "not resolved"}`)}`,
		`#   - match: ${toCommentText(JSON.stringify(site.id))}`,
		`#     callsPerMonth: ${DEFAULT_TRAFFIC.callsPerMonth}`,
		`#     expectedOutputTokens: ${DEFAULT_TRAFFIC.expectedOutputTokens}`
	]);
	const found = sites.length === 0 ? ["# No LLM call sites were found yet; add rules as you add calls (match: a path glob, an id, or an id glob)."] : [`# ${sites.length} call site${sites.length === 1 ? "" : "s"} found. Uncomment \`traffic:\` and the rules you want to set.`];
	return [
		"# llm-cost-diff: the traffic behind your LLM calls and the budget a pull request must stay within.",
		"# Every key is documented in the JSON Schema shipped with the package (schema/llm-cost.schema.json).",
		"version: 1",
		"",
		"# Assumptions for every call site (these are the tool's defaults). Replace them with real numbers.",
		"defaults:",
		`  callsPerMonth: ${DEFAULT_TRAFFIC.callsPerMonth}`,
		`  expectedOutputTokens: ${DEFAULT_TRAFFIC.expectedOutputTokens}`,
		`  dynamicInputTokens: ${DEFAULT_TRAFFIC.dynamicInputTokens}`,
		`  cacheHitRate: ${DEFAULT_TRAFFIC.cacheHitRate}`,
		"",
		"# Per call site traffic; later rules override earlier ones key by key.",
		...found,
		"# traffic:",
		...rules,
		"",
		"# The check fails when a pull request breaks the budget, unless someone adds the approval label.",
		"budget:",
		"  maxIncreaseUsd: 100",
		"  maxIncreasePercent: 25",
		"  onExceed: fail",
		"  approvalLabel: llm-cost-approved",
		""
	].join("\n");
}
/** The workflow file's text: pull requests only, least privilege, one run per pull request at a time. */
function getInitWorkflow() {
	return [
		"name: LLM cost",
		"",
		"on:",
		"  pull_request:",
		"    # labeled/unlabeled re-run the check when the budget approval label is added or removed.",
		"    types: [opened, synchronize, reopened, labeled, unlabeled]",
		"",
		"permissions:",
		"  contents: read",
		"  pull-requests: write",
		"",
		"concurrency:",
		"  group: llm-cost-${{ github.event.pull_request.number }}",
		"  cancel-in-progress: true",
		"",
		"jobs:",
		"  llm-cost:",
		"    runs-on: ubuntu-latest",
		"    steps:",
		"      - uses: actions/checkout@v4",
		`      - uses: ${ACTION_REFERENCE}`,
		"        id: llm-cost",
		""
	].join("\n");
}
/** Internal: every call site at the checked-out commit, through the engine (base = head = HEAD). */
async function listSitesWithEngine(repoDir) {
	const { runCostDiff } = await import("./engine-B-SK3nVE.js");
	return (await runCostDiff({
		repoDir,
		base: "HEAD"
	})).sites.filter((site) => site.head !== null).map((site) => ({
		id: site.id,
		file: site.file,
		line: site.line,
		method: site.method,
		model: site.head?.model ?? null
	}));
}
/** Writes both files; returns the exit code (0). Throws `UserError` when a file exists and `force` is off. */
async function runInit(options) {
	const log = options.log ?? (() => {});
	const root = path.resolve(options.repoDir);
	const existing = [CONFIG_FILE, WORKFLOW_FILE].filter((file) => existsSync(path.join(root, file)));
	if (existing.length > 0 && !options.force) throw new UserError(`${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; run llm-cost-diff init --force to overwrite.`);
	let sites = [];
	try {
		sites = await (options.listSites ?? listSitesWithEngine)(root);
	} catch (error) {
		log(`Could not list call sites (${error.message}); writing the config without traffic rules.`);
	}
	const contents = [[CONFIG_FILE, getInitConfig(sites)], [WORKFLOW_FILE, getInitWorkflow()]];
	for (const [file, text] of contents) {
		await mkdir(path.dirname(path.join(root, file)), { recursive: true });
		await writeFile(path.join(root, file), text);
		log(`Wrote ${file}`);
	}
	log(`Found ${sites.length} call site${sites.length === 1 ? "" : "s"}. Set their traffic in ${CONFIG_FILE}, commit both files, and open a pull request.`);
	return 0;
}
export { runInit };
