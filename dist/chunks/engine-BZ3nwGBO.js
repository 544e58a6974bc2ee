export { t as runCostDiff } from "./engine-C2IQZN1w.js";
