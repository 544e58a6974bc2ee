export { t as runCostDiff } from "./engine-Dq0D40nB.js";
