export { t as runCostDiff } from "./engine-BRheCu38.js";
