import { StatusPageInfo } from "../types";

export const name = "Loom";

export const statusPageUrl = "https://www.loomstatus.com/";

export const domains = ["loom.com", "*.loom.com"];

export const isServiceDefunct = false;

export const loomStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
