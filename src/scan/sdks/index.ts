import type { Detector } from '../detector.js';
import { anthropicDetector } from './anthropic.js';
import { bedrockDetector } from './bedrock.js';
import { googleDetector } from './google.js';
import { langchainDetector } from './langchain.js';
import { openaiDetector } from './openai.js';
import { vercelAiDetector } from './vercel-ai.js';

/** Every SDK family the scanner knows. Adding one is adding its module here. */
export const DETECTORS: readonly Detector[] = [openaiDetector, anthropicDetector, vercelAiDetector, langchainDetector, bedrockDetector, googleDetector];
