import "./chunks/rolldown-runtime-BNWGG1sI.js";
import { a as COMMENT_KEY_PATTERN, d as require_tunnel, i as GitHubApiError, l as getRetryBaseMs, n as COMMENT_MODES, o as getMaxContentLength, r as getPullRequest, s as createActionClient, t as upsertStickyComment, u as require_undici } from "./chunks/sticky-comment-CWgsQYK3.js";
import * as os from "os";
import os$1, { EOL } from "os";
import * as fs from "fs";
import { constants, promises } from "fs";
import * as crypto from "crypto";
import "timers";
import "path";
import * as events from "events";
import "child_process";
import { t as runCostDiff } from "./chunks/engine-BXaRuFAK.js";
import { t as UserError } from "./chunks/errors-BP3aFgpT.js";
import { appendFile as appendFile$1, mkdir as mkdir$1, readFile, writeFile as writeFile$1 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path$1 from "node:path";
import { i as formatDeltaUsd, n as describeChange, s as formatUsd } from "./chunks/format-CeYpOSWW.js";
import { t as getCommentBody } from "./chunks/comment-JLzGwfDa.js";
// node_modules/@actions/core/lib/utils.js
/**
* Sanitizes an input into a string so it can be passed into issueCommand safely
* @param input input to sanitize into a string
*/
function toCommandValue(input) {
	if (input === null || input === void 0) return "";
	else if (typeof input === "string" || input instanceof String) return input;
	return JSON.stringify(input);
}
/**
*
* @param annotationProperties
* @returns The command properties to send with the actual annotation command
* See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
*/
function toCommandProperties(annotationProperties) {
	if (!Object.keys(annotationProperties).length) return {};
	return {
		title: annotationProperties.title,
		file: annotationProperties.file,
		line: annotationProperties.startLine,
		endLine: annotationProperties.endLine,
		col: annotationProperties.startColumn,
		endColumn: annotationProperties.endColumn
	};
}
// node_modules/@actions/core/lib/command.js
/**
* Issues a command to the GitHub Actions runner
*
* @param command - The command name to issue
* @param properties - Additional properties for the command (key-value pairs)
* @param message - The message to include with the command
* @remarks
* This function outputs a specially formatted string to stdout that the Actions
* runner interprets as a command. These commands can control workflow behavior,
* set outputs, create annotations, mask values, and more.
*
* Command Format:
*   ::name key=value,key=value::message
*
* @example
* ```typescript
* // Issue a warning annotation
* issueCommand('warning', {}, 'This is a warning message');
* // Output: ::warning::This is a warning message
*
* // Set an environment variable
* issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
* // Output: ::set-env name=MY_VAR::some value
*
* // Add a secret mask
* issueCommand('add-mask', {}, 'secretValue123');
* // Output: ::add-mask::secretValue123
* ```
*
* @internal
* This is an internal utility function that powers the public API functions
* such as setSecret, warning, error, and exportVariable.
*/
function issueCommand(command, properties, message) {
	const cmd = new Command(command, properties, message);
	process.stdout.write(cmd.toString() + os.EOL);
}
const CMD_STRING = "::";
var Command = class {
	constructor(command, properties, message) {
		if (!command) command = "missing.command";
		this.command = command;
		this.properties = properties;
		this.message = message;
	}
	toString() {
		let cmdStr = CMD_STRING + this.command;
		if (this.properties && Object.keys(this.properties).length > 0) {
			cmdStr += " ";
			let first = true;
			for (const key in this.properties) if (this.properties.hasOwnProperty(key)) {
				const val = this.properties[key];
				if (val) {
					if (first) first = false;
					else cmdStr += ",";
					cmdStr += `${key}=${escapeProperty(val)}`;
				}
			}
		}
		cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
		return cmdStr;
	}
};
function escapeData(s) {
	return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
	return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}
// node_modules/@actions/core/lib/file-command.js
function issueFileCommand(command, message) {
	const filePath = process.env[`GITHUB_${command}`];
	if (!filePath) throw new Error(`Unable to find environment variable for file command ${command}`);
	if (!fs.existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`);
	fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, { encoding: "utf8" });
}
function prepareKeyValueMessage(key, value) {
	const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
	const convertedValue = toCommandValue(value);
	if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
	if (convertedValue.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
	return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
}
require_tunnel();
require_undici();
var HttpCodes;
(function(HttpCodes) {
	HttpCodes[HttpCodes["OK"] = 200] = "OK";
	HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
	HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
	HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
	HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
	HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
	HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
	HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
	HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
	HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
	HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
	HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
	HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
	HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
	HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
	HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
	HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
	HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
	HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
	HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
	HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
	HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
	HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
	HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
	HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
	HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
	HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers) {
	Headers["Accept"] = "accept";
	Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes) {
	MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
HttpCodes.MovedPermanently, HttpCodes.ResourceMoved, HttpCodes.SeeOther, HttpCodes.TemporaryRedirect, HttpCodes.PermanentRedirect;
HttpCodes.BadGateway, HttpCodes.ServiceUnavailable, HttpCodes.GatewayTimeout;
// node_modules/@actions/core/lib/summary.js
var __awaiter$6 = function(thisArg, _arguments, P, generator) {
	function adopt(value) {
		return value instanceof P ? value : new P(function(resolve) {
			resolve(value);
		});
	}
	return new (P || (P = Promise))(function(resolve, reject) {
		function fulfilled(value) {
			try {
				step(generator.next(value));
			} catch (e) {
				reject(e);
			}
		}
		function rejected(value) {
			try {
				step(generator["throw"](value));
			} catch (e) {
				reject(e);
			}
		}
		function step(result) {
			result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
		}
		step((generator = generator.apply(thisArg, _arguments || [])).next());
	});
};
const { access, appendFile, writeFile } = promises;
const SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
	constructor() {
		this._buffer = "";
	}
	/**
	* Finds the summary file path from the environment, rejects if env var is not found or file does not exist
	* Also checks r/w permissions.
	*
	* @returns step summary file path
	*/
	filePath() {
		return __awaiter$6(this, void 0, void 0, function* () {
			if (this._filePath) return this._filePath;
			const pathFromEnv = process.env[SUMMARY_ENV_VAR];
			if (!pathFromEnv) throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
			try {
				yield access(pathFromEnv, constants.R_OK | constants.W_OK);
			} catch (_a) {
				throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
			}
			this._filePath = pathFromEnv;
			return this._filePath;
		});
	}
	/**
	* Wraps content in an HTML tag, adding any HTML attributes
	*
	* @param {string} tag HTML tag to wrap
	* @param {string | null} content content within the tag
	* @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
	*
	* @returns {string} content wrapped in HTML element
	*/
	wrap(tag, content, attrs = {}) {
		const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
		if (!content) return `<${tag}${htmlAttrs}>`;
		return `<${tag}${htmlAttrs}>${content}</${tag}>`;
	}
	/**
	* Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
	*
	* @param {SummaryWriteOptions} [options] (optional) options for write operation
	*
	* @returns {Promise<Summary>} summary instance
	*/
	write(options) {
		return __awaiter$6(this, void 0, void 0, function* () {
			const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
			const filePath = yield this.filePath();
			yield (overwrite ? writeFile : appendFile)(filePath, this._buffer, { encoding: "utf8" });
			return this.emptyBuffer();
		});
	}
	/**
	* Clears the summary buffer and wipes the summary file
	*
	* @returns {Summary} summary instance
	*/
	clear() {
		return __awaiter$6(this, void 0, void 0, function* () {
			return this.emptyBuffer().write({ overwrite: true });
		});
	}
	/**
	* Returns the current summary buffer as a string
	*
	* @returns {string} string of summary buffer
	*/
	stringify() {
		return this._buffer;
	}
	/**
	* If the summary buffer is empty
	*
	* @returns {boolen} true if the buffer is empty
	*/
	isEmptyBuffer() {
		return this._buffer.length === 0;
	}
	/**
	* Resets the summary buffer without writing to summary file
	*
	* @returns {Summary} summary instance
	*/
	emptyBuffer() {
		this._buffer = "";
		return this;
	}
	/**
	* Adds raw text to the summary buffer
	*
	* @param {string} text content to add
	* @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
	*
	* @returns {Summary} summary instance
	*/
	addRaw(text, addEOL = false) {
		this._buffer += text;
		return addEOL ? this.addEOL() : this;
	}
	/**
	* Adds the operating system-specific end-of-line marker to the buffer
	*
	* @returns {Summary} summary instance
	*/
	addEOL() {
		return this.addRaw(EOL);
	}
	/**
	* Adds an HTML codeblock to the summary buffer
	*
	* @param {string} code content to render within fenced code block
	* @param {string} lang (optional) language to syntax highlight code
	*
	* @returns {Summary} summary instance
	*/
	addCodeBlock(code, lang) {
		const attrs = Object.assign({}, lang && { lang });
		const element = this.wrap("pre", this.wrap("code", code), attrs);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML list to the summary buffer
	*
	* @param {string[]} items list of items to render
	* @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
	*
	* @returns {Summary} summary instance
	*/
	addList(items, ordered = false) {
		const tag = ordered ? "ol" : "ul";
		const listItems = items.map((item) => this.wrap("li", item)).join("");
		const element = this.wrap(tag, listItems);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML table to the summary buffer
	*
	* @param {SummaryTableCell[]} rows table rows
	*
	* @returns {Summary} summary instance
	*/
	addTable(rows) {
		const tableBody = rows.map((row) => {
			const cells = row.map((cell) => {
				if (typeof cell === "string") return this.wrap("td", cell);
				const { header, data, colspan, rowspan } = cell;
				const tag = header ? "th" : "td";
				const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
				return this.wrap(tag, data, attrs);
			}).join("");
			return this.wrap("tr", cells);
		}).join("");
		const element = this.wrap("table", tableBody);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds a collapsable HTML details element to the summary buffer
	*
	* @param {string} label text for the closed state
	* @param {string} content collapsable content
	*
	* @returns {Summary} summary instance
	*/
	addDetails(label, content) {
		const element = this.wrap("details", this.wrap("summary", label) + content);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML image tag to the summary buffer
	*
	* @param {string} src path to the image you to embed
	* @param {string} alt text description of the image
	* @param {SummaryImageOptions} options (optional) addition image attributes
	*
	* @returns {Summary} summary instance
	*/
	addImage(src, alt, options) {
		const { width, height } = options || {};
		const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
		const element = this.wrap("img", null, Object.assign({
			src,
			alt
		}, attrs));
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML section heading element
	*
	* @param {string} text heading text
	* @param {number | string} [level=1] (optional) the heading level, default: 1
	*
	* @returns {Summary} summary instance
	*/
	addHeading(text, level) {
		const tag = `h${level}`;
		const allowedTag = [
			"h1",
			"h2",
			"h3",
			"h4",
			"h5",
			"h6"
		].includes(tag) ? tag : "h1";
		const element = this.wrap(allowedTag, text);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML thematic break (<hr>) to the summary buffer
	*
	* @returns {Summary} summary instance
	*/
	addSeparator() {
		const element = this.wrap("hr", null);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML line break (<br>) to the summary buffer
	*
	* @returns {Summary} summary instance
	*/
	addBreak() {
		const element = this.wrap("br", null);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML blockquote to the summary buffer
	*
	* @param {string} text quote text
	* @param {string} cite (optional) citation url
	*
	* @returns {Summary} summary instance
	*/
	addQuote(text, cite) {
		const attrs = Object.assign({}, cite && { cite });
		const element = this.wrap("blockquote", text, attrs);
		return this.addRaw(element).addEOL();
	}
	/**
	* Adds an HTML anchor tag to the summary buffer
	*
	* @param {string} text link text/content
	* @param {string} href hyperlink
	*
	* @returns {Summary} summary instance
	*/
	addLink(text, href) {
		const element = this.wrap("a", text, { href });
		return this.addRaw(element).addEOL();
	}
};
new Summary();
const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs.promises;
process.platform;
fs.constants.O_RDONLY;
process.platform;
events.EventEmitter;
events.EventEmitter;
os$1.platform();
os$1.arch();
/**
* The code to exit an action
*/
var ExitCode;
(function(ExitCode) {
	/**
	* A code indicating that the action was successful
	*/
	ExitCode[ExitCode["Success"] = 0] = "Success";
	/**
	* A code indicating that the action was a failure
	*/
	ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
/**
* Gets the value of an input.
* Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
* Returns an empty string if the value is not defined.
*
* @param     name     name of the input to get
* @param     options  optional. See InputOptions.
* @returns   string
*/
function getInput(name, options) {
	const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
	if (options && options.required && !val) throw new Error(`Input required and not supplied: ${name}`);
	if (options && options.trimWhitespace === false) return val;
	return val.trim();
}
/**
* Sets the value of an output.
*
* @param     name     name of the output to set
* @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
*/
function setOutput(name, value) {
	if (process.env["GITHUB_OUTPUT"] || "") return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
	process.stdout.write(os.EOL);
	issueCommand("set-output", { name }, toCommandValue(value));
}
/**
* Sets the action status to failed.
* When the action exits it will be with an exit code of 1
* @param message add error issue message
*/
function setFailed(message) {
	process.exitCode = ExitCode.Failure;
	error(message);
}
/**
* Writes debug message to user log
* @param message debug message
*/
function debug(message) {
	issueCommand("debug", {}, message);
}
/**
* Adds an error issue
* @param message error issue message. Errors will be converted to string via toString()
* @param properties optional properties to add to the annotation.
*/
function error(message, properties = {}) {
	issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
* Adds a warning issue
* @param message warning issue message. Errors will be converted to string via toString()
* @param properties optional properties to add to the annotation.
*/
function warning(message, properties = {}) {
	issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
* Writes info to log with console.log.
* @param message info message
*/
function info(message) {
	process.stdout.write(message + os.EOL);
}
function getRegression(site, level, prefix) {
	const what = site.changes.map(describeChange).join("; ") || site.status;
	const from = site.base ? `from ${formatUsd(site.base.monthlyUsd)}` : "from nothing";
	const to = site.head ? formatUsd(site.head.monthlyUsd) : "$0.00";
	return {
		level,
		title: `LLM cost ${formatDeltaUsd(site.deltaMonthlyUsd)}/mo`,
		message: `${site.method} costs ${formatDeltaUsd(site.deltaMonthlyUsd)} per month (${from} to ${to}): ${what}.`,
		file: prefix + site.file,
		startLine: Math.max(1, Math.floor(site.line))
	};
}
/**
* The annotations for a report, at most 10 errors and 10 warnings, largest increase first. `pathPrefix` is the
* analysed directory inside the repository, since annotation paths are relative to the repository root.
*/
function getAnnotations(report, options = {}) {
	const prefix = options.pathPrefix ? `${options.pathPrefix.replace(/\/+$/, "")}/` : "";
	const failed = report.verdict.status === "fail";
	const totalBroken = report.verdict.violations.some((v) => !v.siteId);
	const overSiteCap = new Set(report.verdict.violations.flatMap((v) => v.siteId ? [v.siteId] : []));
	const regressions = report.sites.filter((site) => site.status !== "removed" && site.deltaMonthlyUsd > 0).sort((a, b) => b.deltaMonthlyUsd - a.deltaMonthlyUsd || a.id.localeCompare(b.id));
	const errors = [];
	const warnings = [];
	for (const site of regressions) {
		const isError = failed && (totalBroken || overSiteCap.has(site.id));
		(isError ? errors : warnings).push(getRegression(site, isError ? "error" : "warning", prefix));
	}
	for (const warning of report.warnings) {
		if (!warning.file || !warning.line) continue;
		warnings.push({
			level: "warning",
			title: `LLM cost: ${warning.code}`,
			message: warning.message,
			file: prefix + warning.file,
			startLine: Math.max(1, Math.floor(warning.line))
		});
	}
	return [...errors.slice(0, 10), ...warnings.slice(0, 10)];
}
// src/action/event.ts
/**
* What to compare, from the workflow event: a pull request (compare its base with the checked-out head, comment
* on it), or a push / manual run (compare with the previous commit, summary only). Read from the event file
* GitHub writes, not from `@actions/github`'s import-time context, so it is a plain function of its inputs.
*/
const PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
const ZERO_SHA = /^0+$/;
/** The target of this run. `payload` is the parsed `GITHUB_EVENT_PATH` file. */
function getRunTarget(options) {
	const payload = options.payload ?? {};
	const [owner, repo] = (payload.repository?.full_name ?? options.repository).split("/");
	if (!owner || !repo) throw new UserError(`Cannot tell the repository: GITHUB_REPOSITORY is ${JSON.stringify(options.repository)}.`);
	const head = options.head || void 0;
	const pr = payload.pull_request;
	if (PULL_REQUEST_EVENTS.has(options.eventName) && pr) return {
		kind: "pull_request",
		owner,
		repo,
		number: pr.number,
		base: options.base || pr.base.sha,
		head,
		headSha: pr.head.sha,
		labels: (pr.labels ?? []).map((label) => label.name),
		fromFork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name
	};
	if (PULL_REQUEST_EVENTS.has(options.eventName)) throw new UserError(`The ${options.eventName} event has no pull_request in its payload (GITHUB_EVENT_PATH).`);
	const before = options.eventName === "push" && payload.before && !ZERO_SHA.test(payload.before) ? payload.before : void 0;
	return {
		kind: "commit",
		owner,
		repo,
		base: options.base || before || "HEAD~1",
		head,
		headSha: options.sha
	};
}
// src/action/inputs.ts
/** The action's inputs (`action.yml`), read and checked: a wrong value is an error that names the input. */
const FAIL_ON = ["budget", "never"];
/** Reads every input through `getInput` (in the action: `core.getInput`, which trims). */
function readInputs(getInput) {
	const comment = getInput("comment") || "update";
	if (!COMMENT_MODES.includes(comment)) throw new UserError(`Input \`comment\` is ${JSON.stringify(comment)}; expected one of ${COMMENT_MODES.join(", ")}.`);
	const failOn = getInput("fail-on") || "budget";
	if (!FAIL_ON.includes(failOn)) throw new UserError(`Input \`fail-on\` is ${JSON.stringify(failOn)}; expected one of ${FAIL_ON.join(", ")}.`);
	const commentKey = getInput("comment-key") || "default";
	if (!COMMENT_KEY_PATTERN.test(commentKey)) throw new UserError(`Input \`comment-key\` is ${JSON.stringify(commentKey)}; use up to 100 letters, digits, \`.\`, \`_\`, \`-\` or \`/\`.`);
	return {
		token: getInput("github-token"),
		configPath: getInput("config"),
		workingDirectory: getInput("working-directory") || ".",
		base: getInput("base"),
		head: getInput("head"),
		comment,
		commentKey,
		failOn
	};
}
// src/action/outputs.ts
/** Internal: at most 4 decimals, no exponent, no trailing zeros. */
function formatNumber(value, decimals) {
	const factor = 10 ** decimals;
	const rounded = Math.round(value * factor) / factor;
	return Object.is(rounded, -0) ? "0" : rounded.toFixed(decimals).replace(/\.?0+$/, "");
}
/** The outputs of a run. `delta-percent` is empty when the base cost was zero. */
function getOutputs(report, published) {
	const { totals } = report;
	return {
		"monthly-delta-usd": formatNumber(totals.deltaMonthlyUsd, 4),
		"delta-percent": totals.deltaPercent === null ? "" : formatNumber(totals.deltaPercent, 2),
		"base-monthly-usd": formatNumber(totals.baseMonthlyUsd, 4),
		"head-monthly-usd": formatNumber(totals.headMonthlyUsd, 4),
		verdict: report.verdict.status,
		"report-path": published.reportPath,
		"comment-url": published.commentUrl ?? ""
	};
}
// src/action/run.ts
/**
* The action, start to end: read inputs and event, run the engine, write the JSON report, post the sticky comment,
* write the job summary, annotations and outputs, and say whether the check fails. `main.ts` wires in the real
* engine and `@actions/core`; the order here is the contract: the comment and summary are written before a
* failed budget fails the step.
*/
async function readEventPayload(eventPath) {
	if (!eventPath) return {};
	try {
		return JSON.parse(await readFile(eventPath, "utf8"));
	} catch (error) {
		throw new Error(`Cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${error.message}`);
	}
}
/** Internal: labels and head as GitHub has them now (a re-run after labelling sees the new label). */
async function refreshPullRequest(client, target) {
	try {
		const pr = await getPullRequest(client, {
			owner: target.owner,
			repo: target.repo,
			number: target.number
		});
		return {
			labels: pr.labels,
			currentHeadSha: pr.headSha
		};
	} catch (error) {
		warning(`${error.message} Using the labels from the event payload.`);
		return { labels: target.labels };
	}
}
async function writeReport(report, env, key) {
	const dir = path$1.join(env["RUNNER_TEMP"] || tmpdir(), "llm-cost-diff");
	await mkdir$1(dir, { recursive: true });
	const file = path$1.join(dir, `report-${key.replace(/[^A-Za-z0-9._-]/g, "_")}.json`);
	await writeFile$1(file, `${JSON.stringify(report, null, 2)}\n`);
	return file;
}
async function publishComment(client, target, inputs, content, runTime, currentHeadSha) {
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
			log: info,
			...currentHeadSha ? { currentHeadSha } : {}
		});
	} catch (error$1) {
		if (error$1 instanceof GitHubApiError && error$1.readOnlyToken) warning(error$1.message);
		else if (error$1 instanceof GitHubApiError) error(error$1.message);
		else error(`Could not write the pull request comment: ${error$1.message}`);
		return null;
	}
}
/** Runs the action once. Throws `UserError` for bad inputs, config or refs (nothing is posted then). */
async function runAction(deps) {
	const env = deps.env ?? process.env;
	const runTime = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
	const inputs = readInputs((name) => getInput(name));
	const workspace = env["GITHUB_WORKSPACE"] || process.cwd();
	const repoDir = path$1.resolve(workspace, inputs.workingDirectory);
	const target = getRunTarget({
		eventName: env["GITHUB_EVENT_NAME"] ?? "",
		payload: await readEventPayload(env["GITHUB_EVENT_PATH"]),
		repository: env["GITHUB_REPOSITORY"] ?? "",
		sha: env["GITHUB_SHA"] ?? "",
		base: inputs.base,
		head: inputs.head
	});
	const wantsComment = target.kind === "pull_request" && inputs.comment !== "off";
	if (wantsComment && !inputs.token) warning("No `github-token`: the report goes to the job summary only.");
	const client = wantsComment && inputs.token ? (deps.createClient ?? ((token, baseUrl) => createActionClient(token, {
		baseUrl,
		log: info,
		retryBaseMs: getRetryBaseMs(env)
	})))(inputs.token, env["GITHUB_API_URL"] || void 0) : null;
	const fresh = client && target.kind === "pull_request" ? await refreshPullRequest(client, target) : null;
	const labels = fresh?.labels ?? (target.kind === "pull_request" ? target.labels : []);
	info(`Comparing ${target.base} with ${target.head ?? "the checked-out commit"} in ${repoDir}`);
	const report = await deps.runCostDiff({
		repoDir,
		base: target.base,
		...target.head ? { head: target.head } : {},
		...inputs.configPath ? { configPath: path$1.resolve(repoDir, inputs.configPath) } : {},
		labels,
		log: info
	});
	const reportPath = await writeReport(report, env, inputs.commentKey);
	const serverUrl = (env["GITHUB_SERVER_URL"] || "https://github.com").replace(/\/+$/, "");
	const linkReport = {
		...report,
		head: {
			...report.head,
			sha: target.headSha || report.head.sha
		}
	};
	const common = {
		repositoryUrl: `${serverUrl}/${target.owner}/${target.repo}`,
		...inputs.commentKey !== "default" ? { title: inputs.commentKey } : {}
	};
	const runUrl = env["GITHUB_RUN_ID"] ? `${serverUrl}/${target.owner}/${target.repo}/actions/runs/${env["GITHUB_RUN_ID"]}` : null;
	let comment = null;
	if (client && target.kind === "pull_request") comment = await publishComment(client, target, inputs, getCommentBody(linkReport, {
		...common,
		maxLength: getMaxContentLength(inputs.commentKey),
		fullReportHint: `The full report is in the job summary${runUrl ? ` of [this run](${runUrl})` : ""} and in the JSON report (output \`report-path\`).`
	}), runTime, fresh?.currentHeadSha);
	const summaryPath = env["GITHUB_STEP_SUMMARY"];
	if (summaryPath) {
		const summary = getCommentBody(linkReport, {
			...common,
			maxLength: 0xffc00,
			measure: (text) => Buffer.byteLength(text, "utf8"),
			fullReportHint: "The full report is in the JSON report (output `report-path`)."
		});
		await appendFile$1(summaryPath, summary);
	}
	for (const annotation of getAnnotations(report)) {
		const properties = {
			title: annotation.title,
			file: annotation.file,
			startLine: annotation.startLine
		};
		if (annotation.level === "error") error(annotation.message, properties);
		else warning(annotation.message, properties);
	}
	const outputs = getOutputs(report, {
		reportPath,
		commentUrl: comment?.url ?? null
	});
	for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
	const failure = report.verdict.status === "fail" && inputs.failOn === "budget" ? `LLM cost over budget: ${report.verdict.violations.map((v) => v.message).join("; ") || "the budget failed"}` : null;
	return {
		report,
		outputs,
		comment,
		failure
	};
}
// src/action/main.ts
/**
* The action's entry point (bundled to `dist/index.js`): run, then fail the step on a failed budget or a
* user error, with a message and no stack trace.
*/
async function main() {
	try {
		const result = await runAction({ runCostDiff });
		if (result.failure) setFailed(result.failure);
	} catch (error) {
		if (error instanceof UserError) setFailed(error.message);
		else {
			debug(error instanceof Error && error.stack ? error.stack : String(error));
			setFailed(`llm-cost-diff failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
}
await main();
export {};
