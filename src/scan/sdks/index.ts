import type { Detector } from '../detector.js';
import { anthropicDetector } from './anthropic.js';
import { bedrockDetector } from './bedrock.js';
import { cohereDetector } from './cohere.js';
import { googleDetector } from './google.js';
import { groqDetector } from './groq.js';
import { langchainDetector } from './langchain.js';
import { mistralDetector } from './mistral.js';
import { openaiDetector } from './openai.js';
import { vercelAiDetector } from './vercel-ai.js';

/** Every SDK family the scanner knows. Adding one is adding its module here. */
export const DETECTORS: readonly Detector[] = [openaiDetector, anthropicDetector, vercelAiDetector, langchainDetector, bedrockDetector, googleDetector, mistralDetector, cohereDetector, groqDetector];
