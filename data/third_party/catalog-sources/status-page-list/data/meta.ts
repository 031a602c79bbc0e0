import { StatusPageInfo } from "../types";

export const name = "Meta";

export const statusPageUrl = "https://metastatus.com/";

export const domains = ["meta.com", "facebook.com"];

export const isServiceDefunct = false;

export const metaStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
