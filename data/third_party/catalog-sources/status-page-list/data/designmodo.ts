import { StatusPageInfo } from "../types";

export const name = "Designmodo";

export const statusPageUrl = "https://status.designmodo.com/";

export const domains = ["designmodo.com", "*.designmodo.com"];

export const isServiceDefunct = false;

export const designmodoStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
