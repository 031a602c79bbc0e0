import { StatusPageInfo } from "../types";

export const name = "Linear";

export const statusPageUrl = "https://linearstatus.com/";

export const domains = ["linear.app", "*.linear.app"];

export const isServiceDefunct = false;

export const linearStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
