export { t as runCostDiff } from "./engine-2zyKAjqg.js";
