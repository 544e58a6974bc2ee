import type { Format } from '../cli/args.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './report.js';
import { renderText } from './text.js';

/** The report in one of the CLI's formats. */
export function renderReport(report: Report, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report);
}
