export { t as runCostDiff } from "./engine-BtrI0Ghl.js";
