import { a as formatPercent, i as formatDeltaUsd, n as describeChange, o as formatTokens, s as formatUsd, t as changedSites } from "./format-CeYpOSWW.js";
// node_modules/markdown-table/index.js
/**
* @typedef {Options} MarkdownTableOptions
*   Configuration.
*/
/**
* @typedef Options
*   Configuration.
* @property {boolean | null | undefined} [alignDelimiters=true]
*   Whether to align the delimiters (default: `true`);
*   they are aligned by default:
*
*   ```markdown
*   | Alpha | B     |
*   | ----- | ----- |
*   | C     | Delta |
*   ```
*
*   Pass `false` to make them staggered:
*
*   ```markdown
*   | Alpha | B |
*   | - | - |
*   | C | Delta |
*   ```
* @property {ReadonlyArray<string | null | undefined> | string | null | undefined} [align]
*   How to align columns (default: `''`);
*   one style for all columns or styles for their respective columns;
*   each style is either `'l'` (left), `'r'` (right), or `'c'` (center);
*   other values are treated as `''`, which doesn’t place the colon in the
*   alignment row but does align left;
*   *only the lowercased first character is used, so `Right` is fine.*
* @property {boolean | null | undefined} [delimiterEnd=true]
*   Whether to end each row with the delimiter (default: `true`).
*
*   > 👉 **Note**: please don’t use this: it could create fragile structures
*   > that aren’t understandable to some markdown parsers.
*
*   When `true`, there are ending delimiters:
*
*   ```markdown
*   | Alpha | B     |
*   | ----- | ----- |
*   | C     | Delta |
*   ```
*
*   When `false`, there are no ending delimiters:
*
*   ```markdown
*   | Alpha | B
*   | ----- | -----
*   | C     | Delta
*   ```
* @property {boolean | null | undefined} [fillRows=true]
*   Whether to fill rows with empty cells up to the most cells in a row
*   (default: `true`).
*
*   When `true`, all rows have as many cells as the longest row:
*
*   ```markdown
*   | Alpha | B    |   |
*   | ----- | ---- | - |
*   | C     |      |   |
*   | D     | Echo | F |
*   ```
*
*   When `false`, rows keep their cells,
*   and the delimiter row has as many cells as the header row:
*
*   ```markdown
*   | Alpha | B    |
*   | ----- | ---- |
*   | C     |
*   | D     | Echo | F |
*   ```
* @property {boolean | null | undefined} [delimiterStart=true]
*   Whether to begin each row with the delimiter (default: `true`).
*
*   > 👉 **Note**: please don’t use this: it could create fragile structures
*   > that aren’t understandable to some markdown parsers.
*
*   When `true`, there are starting delimiters:
*
*   ```markdown
*   | Alpha | B     |
*   | ----- | ----- |
*   | C     | Delta |
*   ```
*
*   When `false`, there are no starting delimiters:
*
*   ```markdown
*   Alpha | B     |
*   ----- | ----- |
*   C     | Delta |
*   ```
* @property {boolean | null | undefined} [padding=true]
*   Whether to add a space of padding between delimiters and cells
*   (default: `true`).
*
*   When `true`, there is padding:
*
*   ```markdown
*   | Alpha | B     |
*   | ----- | ----- |
*   | C     | Delta |
*   ```
*
*   When `false`, there is no padding:
*
*   ```markdown
*   |Alpha|B    |
*   |-----|-----|
*   |C    |Delta|
*   ```
* @property {((value: string) => number) | null | undefined} [stringLength]
*   Function to detect the length of table cell content (optional);
*   this is used when aligning the delimiters (`|`) between table cells;
*   full-width characters and emoji mess up delimiter alignment when viewing
*   the markdown source;
*   to fix this, you can pass this function,
*   which receives the cell content and returns its “visible” size;
*   note that what is and isn’t visible depends on where the text is displayed.
*
*   Without such a function, the following:
*
*   ```js
*   markdownTable([
*     ['Alpha', 'Bravo'],
*     ['中文', 'Charlie'],
*     ['👩‍❤️‍👩', 'Delta']
*   ])
*   ```
*
*   Yields:
*
*   ```markdown
*   | Alpha | Bravo |
*   | - | - |
*   | 中文 | Charlie |
*   | 👩‍❤️‍👩 | Delta |
*   ```
*
*   With [`string-width`](https://github.com/sindresorhus/string-width):
*
*   ```js
*   import stringWidth from 'string-width'
*
*   markdownTable(
*     [
*       ['Alpha', 'Bravo'],
*       ['中文', 'Charlie'],
*       ['👩‍❤️‍👩', 'Delta']
*     ],
*     {stringLength: stringWidth}
*   )
*   ```
*
*   Yields:
*
*   ```markdown
*   | Alpha | Bravo   |
*   | ----- | ------- |
*   | 中文  | Charlie |
*   | 👩‍❤️‍👩    | Delta   |
*   ```
*/
/**
* Get the length of a cell.
*
* @param {string} value
*   Cell value.
* @returns {number}
*   Cell size.
*/
function defaultStringLength(value) {
	return value.length;
}
/**
* Generate a markdown
* ([GFM](https://docs.github.com/en/github/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables))
* table.
*
* @param {ReadonlyArray<ReadonlyArray<string | null | undefined>>} table
*   Table data (matrix of strings).
* @param {Readonly<Options> | null | undefined} [options]
*   Configuration (optional).
* @returns {string}
*   Result.
*/
function markdownTable(table, options) {
	const settings = options || {};
	const align = (settings.align || []).concat();
	const stringLength = settings.stringLength || defaultStringLength;
	/** @type {Array<number>} Character codes as symbols for alignment per column. */
	const alignments = [];
	/** @type {Array<Array<string>>} Cells per row. */
	const cellMatrix = [];
	/** @type {Array<Array<number>>} Sizes of each cell per row. */
	const sizeMatrix = [];
	/** @type {Array<number>} */
	const longestCellByColumn = [];
	let mostCellsPerRow = 0;
	let rowIndex = -1;
	while (++rowIndex < table.length) {
		/** @type {Array<string>} */
		const row = [];
		/** @type {Array<number>} */
		const sizes = [];
		let columnIndex = -1;
		if (table[rowIndex].length > mostCellsPerRow) mostCellsPerRow = table[rowIndex].length;
		while (++columnIndex < table[rowIndex].length) {
			const cell = serialize(table[rowIndex][columnIndex]);
			if (settings.alignDelimiters !== false) {
				const size = stringLength(cell);
				sizes[columnIndex] = size;
				if (longestCellByColumn[columnIndex] === void 0 || size > longestCellByColumn[columnIndex]) longestCellByColumn[columnIndex] = size;
			}
			row.push(cell);
		}
		cellMatrix[rowIndex] = row;
		sizeMatrix[rowIndex] = sizes;
	}
	let columnIndex = -1;
	if (typeof align === "object" && "length" in align) while (++columnIndex < mostCellsPerRow) alignments[columnIndex] = toAlignment(align[columnIndex]);
	else {
		const code = toAlignment(align);
		while (++columnIndex < mostCellsPerRow) alignments[columnIndex] = code;
	}
	columnIndex = -1;
	/** @type {Array<string>} */
	const row = [];
	/** @type {Array<number>} */
	const sizes = [];
	while (++columnIndex < mostCellsPerRow) {
		const code = alignments[columnIndex];
		let before = "";
		let after = "";
		if (code === 99) {
			before = ":";
			after = ":";
		} else if (code === 108) before = ":";
		else if (code === 114) after = ":";
		let size = settings.alignDelimiters === false ? 1 : Math.max(1, longestCellByColumn[columnIndex] - before.length - after.length);
		const cell = before + "-".repeat(size) + after;
		if (settings.alignDelimiters !== false) {
			size = before.length + size + after.length;
			if (size > longestCellByColumn[columnIndex]) longestCellByColumn[columnIndex] = size;
			sizes[columnIndex] = size;
		}
		row[columnIndex] = cell;
	}
	cellMatrix.splice(1, 0, row);
	sizeMatrix.splice(1, 0, sizes);
	rowIndex = -1;
	/** @type {Array<string>} */
	const lines = [];
	while (++rowIndex < cellMatrix.length) {
		const row = cellMatrix[rowIndex];
		const sizes = sizeMatrix[rowIndex];
		const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
		columnIndex = -1;
		/** @type {Array<string>} */
		const line = [];
		while (++columnIndex < cellsInRow) {
			const cell = row[columnIndex] || "";
			let before = "";
			let after = "";
			if (settings.alignDelimiters !== false) {
				const size = longestCellByColumn[columnIndex] - (sizes[columnIndex] || 0);
				const code = alignments[columnIndex];
				if (code === 114) before = " ".repeat(size);
				else if (code === 99) {
					const half = size / 2;
					if (size % 2) {
						before = " ".repeat(half + .5);
						after = " ".repeat(half - .5);
					} else {
						before = " ".repeat(half);
						after = before;
					}
				} else after = " ".repeat(size);
			}
			if (settings.delimiterStart !== false && !columnIndex) line.push("|");
			if (settings.padding !== false && !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) line.push(" ");
			if (settings.alignDelimiters !== false) line.push(before);
			line.push(cell);
			if (settings.alignDelimiters !== false) line.push(after);
			if (settings.padding !== false) line.push(" ");
			if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) line.push("|");
		}
		lines.push(settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join(""));
	}
	return lines.join("\n");
}
/**
* Serialize a cell value.
*
* @param {string | null | undefined} [value]
*   Value to serialize.
* @returns {string}
*   Result.
*/
function serialize(value) {
	return value === null || value === void 0 ? "" : String(value);
}
/**
* Get the alignment character code from a value.
*
* @param {string | null | undefined} value
*   Value.
* @returns {number}
*   Alignment.
*/
function toAlignment(value) {
	const code = typeof value === "string" ? value.codePointAt(0) : 0;
	return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}
// src/report/insight-sections.ts
/** Suggestions shown at most; the JSON report has them all. */
const MAX_SUGGESTIONS = 10;
/** What multiplies or grows one side's cost, in words: `×10 (for loop around summarise)`, `6 turns of history`. */
function describeDrivers(drivers) {
	if (!drivers) return [];
	const parts = [];
	if (drivers.loops.length > 0) {
		const where = drivers.loops.map((l) => `${l.kind}${l.iterations !== null ? ` of ${l.iterations}` : ""}${l.via ? ` around ${l.via}()` : ""}`).join(", ");
		const unknown = drivers.loopSource === "default" ? ", bound unknown: set loopIterations" : "";
		parts.push(`×${formatCount(drivers.loopIterations)} per invocation (${where}${unknown})`);
	}
	if (drivers.agentSteps > 1 || !drivers.agentStepsBounded) parts.push(drivers.agentStepsBounded ? `${drivers.agentSteps} agent steps, context growing each step` : `agent loop without a step bound (priced at ${drivers.agentSteps} steps)`);
	if (drivers.history) {
		const window = drivers.history.windowTurns !== null ? `, last ${drivers.history.windowTurns} turns kept` : ", whole conversation resent";
		parts.push(`${drivers.turnsPerConversation} turns of history (${formatTokens(Math.round(drivers.historyTokens))} tokens per call on average${window})`);
	}
	if (drivers.reasoningTokens > 0) parts.push(`${formatTokens(drivers.reasoningTokens)} reasoning tokens per call${drivers.reasoningBudget !== null ? ` (budget ${formatTokens(drivers.reasoningBudget)})` : ""}`);
	if (drivers.cacheReadTokens > 0 || drivers.cacheWriteTokens > 0) parts.push(`${formatTokens(drivers.cacheReadTokens)} cached input tokens per call at a ${Math.round(drivers.cacheHitRate * 100)}% hit rate`);
	if (drivers.retryWrappers.length > 0) parts.push(`retries stacked: ${drivers.retryWrappers.map((w) => `${w.helper} (${w.retries})`).join(", ")} on a client with ${drivers.maxRetries}`);
	if (drivers.batch) parts.push("batch API (half price)");
	if (parts.length > 0 || drivers.worstCaseMonthlyUsd !== null) parts.push(drivers.worstCaseMonthlyUsd !== null ? `worst case ${formatUsd(drivers.worstCaseMonthlyUsd)}/mo` : `no worst case: ${drivers.worstCaseNote ?? "unbounded"}`);
	return parts;
}
function formatCount(n) {
	return Number.isInteger(n) ? formatTokens(n) : n.toFixed(2);
}
function sitesWithDrivers(report) {
	return report.sites.filter((s) => s.status !== "unchanged" && describeDrivers((s.head ?? s.base)?.drivers).length > 1);
}
/** The comment's section on what multiplies each changed site's cost. */
function getDriversSection(report, esc) {
	const sites = sitesWithDrivers(report);
	if (sites.length === 0) return null;
	return [
		"**What drives the cost**",
		"",
		...sites.map((site) => `- ${esc.code(`${site.file}:${site.line}`)}: ${esc.text(describeDrivers((site.head ?? site.base).drivers).join("; "))}`)
	].join("\n");
}
function getAnomaliesSection(report, esc) {
	const anomalies = report.anomalies ?? [];
	if (anomalies.length === 0) return null;
	return [
		"**Cost anomalies**",
		"",
		...anomalies.map((a) => `- ⚠️ ${esc.text(a.message)}`)
	].join("\n");
}
function getUnitsSection(report, esc) {
	const units = report.units ?? [];
	if (units.length === 0) return null;
	return [
		"**Cost per unit**",
		"",
		...units.map((u) => `- Cost per ${esc.text(singular(u.name))}: ${esc.money(unitLine(u))}`)
	].join("\n");
}
function getSuggestionsSection(report, esc) {
	const suggestions = report.suggestions ?? [];
	if (suggestions.length === 0) return null;
	const total = suggestions.reduce((sum, s) => sum + s.monthlySavingUsd, 0);
	const lines = suggestions.slice(0, MAX_SUGGESTIONS).map((s) => `- ${esc.code(`${s.file}:${s.line}`)} ${esc.text(s.message)} ${s.monthlySavingUsd > 0 ? `**saves ${esc.money(formatUsd(s.monthlySavingUsd))}/mo**` : "_(bounds the worst case)_"}`);
	if (suggestions.length > MAX_SUGGESTIONS) lines.push(`- …and ${suggestions.length - MAX_SUGGESTIONS} more in the JSON report.`);
	return [
		`**Suggestions** (up to ${esc.money(formatUsd(total))}/mo; options to evaluate, not verdicts)`,
		"",
		...lines
	].join("\n");
}
/** The same sections as terminal lines. */
function insightLines(report) {
	const lines = [];
	const drivers = sitesWithDrivers(report);
	if (drivers.length) {
		lines.push("What drives the cost:");
		for (const site of drivers) lines.push(`  ${site.file}:${site.line}: ${describeDrivers((site.head ?? site.base).drivers).join("; ")}`);
		lines.push("");
	}
	for (const a of report.anomalies ?? []) lines.push(`Anomaly: ${a.message}`);
	if (report.anomalies?.length) lines.push("");
	for (const u of report.units ?? []) lines.push(`Cost per ${singular(u.name)}: ${unitLine(u)}`);
	if (report.units?.length) lines.push("");
	const suggestions = report.suggestions ?? [];
	if (suggestions.length) {
		lines.push("Suggestions:");
		for (const s of suggestions) lines.push(`  ${s.file}:${s.line}: ${s.message} ${s.monthlySavingUsd > 0 ? `Saves ${formatUsd(s.monthlySavingUsd)}/mo.` : "(Bounds the worst case.)"}`);
		lines.push("");
	}
	return lines;
}
function unitLine(u) {
	const side = (v) => v === null ? "—" : formatUsd(v);
	const change = u.deltaPercent === null ? "" : ` (${formatPercent(u.deltaPercent)})`;
	return `${side(u.baseCostPerUnitUsd)} → ${side(u.headCostPerUnitUsd)}${change}`;
}
function singular(name) {
	return name.endsWith("s") && !name.endsWith("ss") ? name.slice(0, -1) : name;
}
// src/report/comment.ts
/**
* The pull-request comment (and the job summary) as markdown, built from a plain `Report`: headline, budget,
* a table of changed call sites linked to their line at the head SHA, warnings, cost by owner, assumptions,
* price data date and footer. Everything taken from the repository is escaped, so a hostile file path, model
* id or prompt name cannot inject HTML, break the table or ping anyone. Nothing here talks to GitHub.
*/
const DEFAULT_MAX_LENGTH = 65536;
/** Longest string from the repository shown in one place; a 100 kB model id must not fill the comment. */
const MAX_FIELD_LENGTH = 300;
const ZWSP = "​";
function clip(text) {
	const flat = text.replace(/[\r\n\t\f\v\u2028\u2029]+/g, " ");
	return flat.length > MAX_FIELD_LENGTH ? `${flat.slice(0, 299)}…` : flat;
}
/**
* Internal: stops GitHub's post-markdown filters, which work on the rendered text, from turning `@name` into a
* ping and `#123` into a cross-reference: a zero-width space after `@` and between `#` and digits.
*/
function defuseReferences(text) {
	return text.replace(/@/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`);
}
/**
* Repository text as inline markdown that renders literally: every ASCII punctuation character that markdown,
* HTML, GitHub math (`$`) or a table cell (`|`) could read is backslash-escaped, line breaks become spaces.
*/
function escapeMarkdown(text) {
	return defuseReferences(clip(text).replace(/[\\`*_{}\[\]()<>#+\-.!|~&$=:"']/g, "\\$&"));
}
/**
* Repository text as a code span inside a table cell: a backtick fence longer than any run inside, and `\|`,
* which GFM tables turn back into `|` even in code. Mentions and HTML are inert in code spans.
*/
function toCodeCell(text) {
	const value = clip(text).replace(/\|/g, "\\|");
	const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
	const fence = "`".repeat(longest + 1);
	const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
	return `${fence}${pad}${value}${pad}${fence}`;
}
/** A path as a URL path, every segment percent-encoded (including `(` and `)`, which would end a link). */
function encodePath(path) {
	return path.split("/").filter((segment) => segment !== "" && segment !== ".").map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
}
/** Internal: our own money strings in markdown; `\$` keeps GitHub from reading `$…$` as math. */
function md(text) {
	return text.replace(/\$/g, "\\$");
}
const VERDICT_TEXT = {
	pass: "✅ within budget",
	warn: "⚠️ over budget (warning)",
	fail: "❌ over budget"
};
function getVerdictText(report) {
	if (report.verdict.status === "warn" && report.verdict.approved) return "⚠️ over budget, approved by label";
	if (report.verdict.status === "pass" && report.verdict.violations.length === 0) return VERDICT_TEXT.pass;
	return VERDICT_TEXT[report.verdict.status];
}
function getHeadline(report, options, changed) {
	const name = options.title ? ` · ${escapeMarkdown(options.title)}` : "";
	const { totals } = report;
	if (changed === 0 && totals.deltaMonthlyUsd === 0) return [
		`### LLM cost${name}: no change · ${getVerdictText(report)}`,
		"",
		`No LLM call site or prompt file changed in this pull request. Monthly LLM cost stays at **${md(formatUsd(totals.headMonthlyUsd))}**.`
	].join("\n");
	const delta = `${md(formatDeltaUsd(totals.deltaMonthlyUsd))}/mo (${formatPercent(totals.deltaPercent)})`;
	const sites = `${changed} call site${changed === 1 ? "" : "s"} changed`;
	return [
		`### LLM cost${name}: ${delta} · ${getVerdictText(report)}`,
		"",
		`Monthly LLM cost **${md(formatUsd(totals.baseMonthlyUsd))}** → **${md(formatUsd(totals.headMonthlyUsd))}** · ${sites}`
	].join("\n");
}
function getBudgetSection(report) {
	const { verdict } = report;
	if (verdict.violations.length === 0) return null;
	const lines = verdict.violations.map((violation) => `- ${escapeMarkdown(violation.message)}`);
	if (verdict.approvalLabel) {
		const label = toCodeCell(verdict.approvalLabel);
		lines.push("", verdict.approved ? `The label ${label} is on this pull request, so the increase is accepted and the check passes with a warning.` : `To accept the increase, someone with triage or write access to this repository can add the label ${label}; the check then passes with a warning.`);
	}
	return [
		`**Budget**`,
		"",
		...lines
	].join("\n");
}
function getSiteLink(report, site, options) {
	const label = toCodeCell(`${site.file}:${site.line}`);
	if (!options.repositoryUrl) return label;
	const sha = site.status === "removed" ? report.base.sha : report.head.sha;
	const prefix = options.pathPrefix ? `${options.pathPrefix}/` : "";
	return `[${label}](${`${options.repositoryUrl.replace(/\/+$/, "")}/blob/${encodeURIComponent(sha)}/${encodePath(prefix + site.file)}#L${Math.max(1, Math.floor(site.line))}`})`;
}
function getSiteRow(report, site, options) {
	const changes = site.changes.length > 0 ? site.changes.map((change) => escapeMarkdown(describeChange(change))).join("; ") : escapeMarkdown(site.status);
	const model = site.head?.model ?? site.base?.model ?? null;
	return [
		`${getSiteLink(report, site, options)}<br>${toCodeCell(site.method)}${model ? ` ${toCodeCell(model)}` : ""}`,
		changes,
		site.base ? md(formatUsd(site.base.monthlyUsd)) : "–",
		site.head ? md(formatUsd(site.head.monthlyUsd)) : "–",
		`**${md(formatDeltaUsd(site.deltaMonthlyUsd))}**`
	];
}
function getSitesTable(report, sites, options) {
	if (sites.length === 0) return null;
	return markdownTable([[
		"Call site",
		"What changed",
		"Base $/mo",
		"Head $/mo",
		"Δ $/mo"
	], ...sites.map((site) => getSiteRow(report, site, options))], {
		align: [
			"l",
			"l",
			"r",
			"r",
			"r"
		],
		alignDelimiters: false
	});
}
function details(summary, body) {
	return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
function getWarningsSection(report, full) {
	const count = report.warnings.length;
	if (count === 0) return null;
	const summary = `⚠️ ${count} warning${count === 1 ? "" : "s"}: some costs may be missing or estimated`;
	if (!full) return `${summary} (listed in the full report).`;
	return details(summary, report.warnings.map((warning) => {
		const where = warning.file ? ` (${toCodeCell(`${warning.file}${warning.line ? `:${warning.line}` : ""}`)})` : "";
		return `- ${toCodeCell(warning.code)} ${escapeMarkdown(warning.message)}${where}`;
	}).join("\n"));
}
function getOwnersSection(report) {
	if (!report.sites.some((site) => site.owner)) return null;
	const totals = /* @__PURE__ */ new Map();
	for (const site of report.sites) {
		const owner = site.owner ?? "(no owner)";
		const total = totals.get(owner) ?? {
			base: 0,
			head: 0
		};
		total.base += site.base?.monthlyUsd ?? 0;
		total.head += site.head?.monthlyUsd ?? 0;
		totals.set(owner, total);
	}
	return details("Monthly cost by owner (all call sites)", markdownTable([[
		"Owner",
		"Base $/mo",
		"Head $/mo",
		"Δ $/mo"
	], ...[...totals].sort((a, b) => b[1].head - a[1].head || a[0].localeCompare(b[0])).map(([owner, t]) => [
		toCodeCell(owner),
		md(formatUsd(t.base)),
		md(formatUsd(t.head)),
		md(formatDeltaUsd(t.head - t.base))
	])], {
		align: [
			"l",
			"r",
			"r",
			"r"
		],
		alignDelimiters: false
	}));
}
function getAssumptionsSection(report) {
	if (report.assumptions.length === 0) return null;
	const table = markdownTable([[
		"Assumption",
		"Value",
		"Source",
		"Applies to"
	], ...report.assumptions.map((a) => [
		toCodeCell(a.key),
		toCodeCell(typeof a.value === "number" ? a.value.toLocaleString("en-US") : a.value),
		escapeMarkdown(a.source),
		toCodeCell(a.appliesTo)
	])], { alignDelimiters: false });
	return details(`Assumptions behind these numbers (${report.assumptions.length})`, table);
}
function getFooter(report) {
	const { pricing, tool } = report;
	return `<sub>${`Prices: ${escapeMarkdown(pricing.source)} ${escapeMarkdown(pricing.version)}, price data of ${escapeMarkdown(pricing.date)}.`} ${`Base ${toCodeCell(report.base.sha.slice(0, 7))}, head ${toCodeCell(report.head.sha.slice(0, 7))}.`} Monthly costs follow the traffic assumptions in the config. This comment is updated on every push by ${escapeMarkdown(tool.name)} ${escapeMarkdown(tool.version)}.</sub>`;
}
/** Internal: the comment's escapers, for the sections built in `insight-sections.ts`. */
const ESCAPERS = {
	text: (v) => escapeMarkdown(v),
	code: (v) => toCodeCell(v),
	money: (v) => md(v)
};
function assemble(report, options, changed, detail) {
	if (changed.length === 0 && report.totals.deltaMonthlyUsd === 0) return [
		getHeadline(report, options, 0),
		getWarningsSection(report, detail.warnings),
		getFooter(report)
	].filter((section) => section !== null).join("\n\n") + "\n";
	const shown = changed.slice(0, detail.rows);
	const dropped = [];
	if (detail.rows < changed.length) dropped.push(`${changed.length - detail.rows} of ${changed.length} changed call sites (the smallest changes)`);
	if (!detail.warnings && report.warnings.length > 0) dropped.push("the list of warnings");
	if (!detail.owners && getOwnersSection(report) !== null) dropped.push("the cost by owner");
	if (!detail.assumptions && report.assumptions.length > 0) dropped.push("the assumptions");
	const notice = dropped.length > 0 ? `> [!NOTE]\n> This report was shortened to fit GitHub's size limit: ${dropped.join(", ")} are not shown. ${options.fullReportHint ?? "Run llm-cost-diff locally for the full report."}` : null;
	return [
		getHeadline(report, options, changed.length),
		notice,
		getBudgetSection(report),
		getSitesTable(report, shown, options),
		detail.rows < changed.length ? `_…and ${changed.length - detail.rows} more changed call sites._` : null,
		detail.rows === changed.length ? getDriversSection(report, ESCAPERS) : null,
		getAnomaliesSection(report, ESCAPERS),
		getUnitsSection(report, ESCAPERS),
		getSuggestionsSection(report, ESCAPERS),
		getWarningsSection(report, detail.warnings),
		detail.owners ? getOwnersSection(report) : null,
		detail.assumptions ? getAssumptionsSection(report) : null,
		getFooter(report)
	].filter((section) => section !== null).join("\n\n") + "\n";
}
/**
* The markdown comment for a report, at most `maxLength` long: when it does not fit, the assumptions go first,
* then the cost by owner, then the list of warnings, then the smallest changed sites, and a notice says what was
* left out.
*/
function getCommentBody(report, options = {}) {
	const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
	const measure = options.measure ?? ((text) => text.length);
	const changed = changedSites(report);
	const fits = (detail) => measure(assemble(report, options, changed, detail)) <= maxLength;
	const all = changed.length;
	const attempts = [
		{
			rows: all,
			warnings: true,
			owners: true,
			assumptions: true
		},
		{
			rows: all,
			warnings: true,
			owners: true,
			assumptions: false
		},
		{
			rows: all,
			warnings: true,
			owners: false,
			assumptions: false
		},
		{
			rows: all,
			warnings: false,
			owners: false,
			assumptions: false
		}
	];
	for (const detail of attempts) if (fits(detail)) return assemble(report, options, changed, detail);
	let low = 0;
	let high = all;
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (fits({
			rows: mid,
			warnings: false,
			owners: false,
			assumptions: false
		})) low = mid;
		else high = mid - 1;
	}
	const body = assemble(report, options, changed, {
		rows: low,
		warnings: false,
		owners: false,
		assumptions: false
	});
	if (measure(body) <= maxLength) return body;
	let cut = body.slice(0, maxLength);
	while (cut.length > 0 && measure(cut) > maxLength) cut = cut.slice(0, -Math.max(1, Math.ceil((measure(cut) - maxLength) / 4)));
	return cut;
}
export { insightLines as n, markdownTable as r, getCommentBody as t };
