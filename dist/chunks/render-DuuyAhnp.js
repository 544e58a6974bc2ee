import { n as insightLines, r as markdownTable, t as getCommentBody } from "./comment-JLzGwfDa.js";
import { c as headline, i as formatDeltaUsd, l as modelLabel, r as describeChanges, s as formatUsd, t as changedSites } from "./format-CeYpOSWW.js";
// src/report/text.ts
/** The report for a terminal (the CLI's default format), from the same value as the JSON. */
function renderText(report) {
	const lines = [headline(report), ""];
	const changed = changedSites(report);
	if (changed.length) {
		const rows = changed.map((site) => [
			`${site.file}:${site.line}`,
			site.status,
			describeChanges(site),
			modelLabel(site.head ?? site.base),
			site.base ? formatUsd(site.base.monthlyUsd) : "-",
			site.head ? formatUsd(site.head.monthlyUsd) : "-",
			formatDeltaUsd(site.deltaMonthlyUsd)
		]);
		lines.push(markdownTable([[
			"Call site",
			"Status",
			"What changed",
			"Model",
			"Base $/mo",
			"Head $/mo",
			"Delta $/mo"
		], ...rows], { align: [
			"l",
			"l",
			"l",
			"l",
			"r",
			"r",
			"r"
		] }), "");
	} else lines.push("No LLM call site or prompt changed cost.", "");
	for (const v of report.verdict.violations) lines.push(`Budget: ${v.message}`);
	if (report.verdict.approvalLabel && report.verdict.status === "fail") lines.push(`Budget: the label "${report.verdict.approvalLabel}" on the pull request approves the increase.`);
	if (report.verdict.violations.length) lines.push("");
	if (report.warnings.length) {
		lines.push(`Warnings (${report.warnings.length}):`);
		for (const w of report.warnings) lines.push(`  ${w.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : ""}${w.message}${w.snapshot ? ` (${w.snapshot} only)` : ""}`);
		lines.push("");
	}
	lines.push(...insightLines(report));
	lines.push("Assumptions:");
	for (const a of report.assumptions) lines.push(`  ${a.key} = ${a.value} (${a.source}) for ${a.appliesTo}`);
	const skipped = Object.entries(report.scan.skipped).map(([reason, n]) => `${n} ${reason}`).join(", ");
	lines.push("", `${report.sites.length} call sites in ${report.scan.filesScanned} candidate files of ${report.scan.filesListed}${skipped ? `; skipped: ${skipped}` : ""}.`);
	lines.push(`Prices: ${report.pricing.source} ${report.pricing.version} (${report.pricing.date}). Base ${report.base.ref} ${report.base.sha.slice(0, 7)}, head ${report.head.ref} ${report.head.sha.slice(0, 7)}.`);
	return `${lines.join("\n")}\n`;
}
// src/report/render.ts
/** The report in one of the CLI's formats. Markdown is the pull-request comment itself, without links. */
function renderReport(report, format) {
	if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
	if (format === "markdown") return `${getCommentBody(report)}\n`;
	return renderText(report);
}
export { renderReport };
