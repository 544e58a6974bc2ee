import type { PromptSegment } from './call-site.js';
import { collectText, prop, type TextPart, type Value } from './value.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function', 'model']);

/** A chat `messages` array (OpenAI, Anthropic, Mistral, ... shapes) as prompt segments in order. */
export function messagesToSegments(messages: Value | undefined): PromptSegment[] {
  if (!messages) return [];
  if (messages.kind !== 'array') return [{ role: 'user', parts: collectText(messages) }];
  const segments: PromptSegment[] = messages.items.map((message) => {
    const roleValue = prop(message, 'role');
    const role = roleValue?.kind === 'text' && typeof roleValue.parts[0] === 'string' ? roleValue.parts[0] : 'user';
    const content = message.kind === 'object' ? (prop(message, 'content') ?? prop(message, 'text') ?? prop(message, 'parts')) : message;
    return {
      role: role === 'system' || role === 'developer' ? 'system' : role === 'assistant' || role === 'model' ? 'assistant' : ROLES.has(role) && role !== 'user' ? 'tool' : 'user',
      parts: contentParts(content),
      ...(hasCacheControl(message) || hasCacheControl(content) ? { cacheBreakpoint: true } : {}),
    };
  });
  if (messages.opaqueSpread) segments.push({ role: 'user', parts: [{ hole: '...messages' }] });
  return segments;
}

/** Text of a content value: a string, or an array of content blocks (`{type: 'text', text}`). */
export function contentParts(content: Value | undefined): TextPart[] {
  if (!content) return [];
  if (content.kind === 'array') {
    const parts: TextPart[] = [];
    for (const block of content.items) {
      if (block.kind === 'object') collectText(prop(block, 'text') ?? prop(block, 'content'), parts);
      else collectText(block, parts);
    }
    if (content.opaqueSpread) parts.push({ hole: '...content' });
    return parts;
  }
  return collectText(content);
}

/** True when the value (a block or an array of blocks) carries a cache breakpoint. */
export function hasCacheControl(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'object') return value.props.has('cache_control') || value.props.has('cachePoint') || value.props.has('cacheControl');
  if (value.kind === 'array') return value.items.some(hasCacheControl);
  return false;
}

/** True when a `cache_control` anywhere in the value asks for the 1-hour cache (`{ type: 'ephemeral', ttl: '1h' }`). */
export function asksOneHourCache(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'object') {
    const ttl = prop(value, 'cache_control', 'ttl') ?? prop(value, 'cacheControl', 'ttl');
    if (ttl?.kind === 'text' && ttl.parts.join('') === '1h') return true;
    return [...value.props.values()].some(asksOneHourCache);
  }
  if (value.kind === 'array') return value.items.some(asksOneHourCache);
  return false;
}
