export { t as runCostDiff } from "./engine-BXaRuFAK.js";
