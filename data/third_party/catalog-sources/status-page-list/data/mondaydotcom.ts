import { StatusPageInfo } from "../types";

export const name = "Monday.com";

export const statusPageUrl = "https://status.monday.com/";

export const domains = ["monday.com", "*.monday.com"];

export const isServiceDefunct = false;

export const mondaydotcomStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
