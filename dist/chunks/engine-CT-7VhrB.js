export { t as runCostDiff } from "./engine-CXlD9Nn_.js";
