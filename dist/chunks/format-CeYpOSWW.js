// src/report/format.ts
/** `$1,234.56`; small amounts keep enough digits to be seen (`$0.0042`). */
function formatUsd(amount) {
	const abs = Math.abs(amount);
	const digits = abs === 0 || abs >= 1 ? 2 : abs >= .01 ? 3 : 4;
	const text = abs.toLocaleString("en-US", {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return `${amount < 0 ? "-" : ""}$${text}`;
}
/** `+$12.30` / `-$4.00` / `$0.00`. */
function formatDeltaUsd(amount) {
	if (Math.abs(amount) < .005 && Math.abs(amount) < 1e-9) return "$0.00";
	return `${amount > 0 ? "+" : ""}${formatUsd(amount)}`;
}
function formatPercent(percent) {
	if (percent === null) return "new spend";
	const rounded = Math.abs(percent) >= 10 ? percent.toFixed(0) : percent.toFixed(1);
	return `${percent > 0 ? "+" : ""}${rounded}%`;
}
function formatTokens(count) {
	return count.toLocaleString("en-US");
}
/** One change in words: `model gpt-4o → gpt-4.1`, `prompt +120 tokens`, `output cap removed`. */
function describeChange(change) {
	const { kind, before, after } = change;
	switch (kind) {
		case "added": return after ? `new call (${after})` : "new call";
		case "removed": return "call removed";
		case "model": return `model ${before ?? "?"} → ${after ?? "?"}`;
		case "provider": return `provider ${before} → ${after}`;
		case "maxOutputTokens":
			if (after === null) return `output cap removed (was ${before})`;
			if (before === null) return `output cap added (${after})`;
			return `output cap ${before} → ${after}`;
		case "prompt": {
			const diff = Number(after) - Number(before);
			return diff === 0 ? "prompt edited (same length)" : `prompt ${diff > 0 ? "+" : ""}${formatTokens(diff)} tokens`;
		}
		case "caching": return after === "none" ? `caching lost (was ${before})` : `caching ${before} → ${after}`;
		case "tools": {
			const diff = Number(after) - Number(before);
			return `tool schemas ${diff > 0 ? "+" : ""}${formatTokens(diff)} tokens`;
		}
		case "retries": return `retries ${before} → ${after}`;
		case "loop":
			if (before && after) return `loop ×${before} → ×${after}`;
			return after ? `now in a loop (×${after})` : "no longer in a loop";
		case "steps": return `agent steps ${before ?? "unbounded"} → ${after ?? "unbounded"}`;
		case "history":
			if (!before) return `conversation history now resent (${after} turns)`;
			if (!after) return "conversation history no longer resent";
			return `history ${before} → ${after}`;
		case "batch": return after ? "moved to a batch API" : "moved off the batch API";
		case "reasoning":
			if (typeof before === "string" || typeof after === "string") return `reasoning ${before} → ${after}`;
			return `reasoning ${before ?? 0} → ${after ?? 0} tokens per call`;
	}
}
function describeChanges(site) {
	return site.changes.length ? site.changes.map(describeChange).join(", ") : "cost inputs changed";
}
function verdictLabel(verdict) {
	if (verdict.status === "fail") return "over budget";
	if (verdict.status === "warn") return verdict.approved ? `over budget, approved by label "${verdict.approvalLabel}"` : "over budget (warning only)";
	return "within budget";
}
/** The one-line summary every format starts with. */
function headline(report) {
	const { deltaMonthlyUsd, deltaPercent, baseMonthlyUsd, headMonthlyUsd } = report.totals;
	if (report.sites.filter((s) => s.status !== "unchanged").length === 0 && deltaMonthlyUsd === 0) return `No LLM call site changed cost: ${formatUsd(headMonthlyUsd)}/month, ${verdictLabel(report.verdict)}.`;
	const percent = deltaPercent === null ? "new spend" : formatPercent(deltaPercent);
	return `Monthly LLM cost ${formatDeltaUsd(deltaMonthlyUsd)} (${percent}): ${formatUsd(baseMonthlyUsd)} → ${formatUsd(headMonthlyUsd)}, ${verdictLabel(report.verdict)}.`;
}
/** The sites a reader needs to see: every site that is not unchanged, largest change first. */
function changedSites(report) {
	return report.sites.filter((site) => site.status !== "unchanged").sort((a, b) => Math.abs(b.deltaMonthlyUsd) - Math.abs(a.deltaMonthlyUsd) || a.id.localeCompare(b.id));
}
/** The model of one side as priced (`claude-sonnet-4-5-20250929 (priced as claude-sonnet-4-5)`). */
function modelLabel(cost) {
	if (!cost) return "—";
	const model = cost.model ?? "unknown model";
	return cost.pricedModel ? `${model} (priced as ${cost.pricedModel})` : model;
}
export { formatPercent as a, headline as c, formatDeltaUsd as i, modelLabel as l, describeChange as n, formatTokens as o, describeChanges as r, formatUsd as s, changedSites as t };
