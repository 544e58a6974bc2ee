import type { Format } from '../cli/args.js';
import { getCommentBody } from './comment.js';
import type { Report } from './report.js';
import { renderText } from './text.js';

/** The report in one of the CLI's formats. Markdown is the pull-request comment itself, without links. */
export function renderReport(report: Report, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return `${getCommentBody(report)}\n`;
  return renderText(report);
}
