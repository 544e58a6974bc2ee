/**
 * Makes text from the repository safe inside GitHub-flavoured markdown: no HTML, no table breaks, no @-mentions
 * that ping anyone, no issue references or emphasis that change the meaning of a code-derived string.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`)
    .replace(/@(?=\w)/g, '@\u200b');
}

/** Text for an inline code span: backticks cannot end it early, newlines cannot break the table. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\u2223');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${clean}${fence.length > 1 ? ' ' : ''}${fence}`;
}
