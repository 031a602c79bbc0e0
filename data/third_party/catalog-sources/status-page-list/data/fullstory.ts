import { StatusPageInfo } from "../types";

export const name = "Fullstory";

export const statusPageUrl = "https://status.fullstory.com/";

export const domains = ["fullstory.com", "*.fullstory.com"];

export const isServiceDefunct = false;

export const fullstoryStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
