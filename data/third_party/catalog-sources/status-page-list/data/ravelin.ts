import { StatusPageInfo } from "../types";

export const name = "Ravelin";

export const statusPageUrl = "https://status.ravelin.com/";

export const domains = ["ravelin.com", "*.ravelin.com"];

export const isServiceDefunct = false;

export const ravelinStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
