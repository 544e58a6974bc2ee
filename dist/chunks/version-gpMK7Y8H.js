// src/version.ts
/** This tool's version, from package.json (inlined by the bundler). */
const TOOL_VERSION = "0.1.0";
export { TOOL_VERSION as t };
