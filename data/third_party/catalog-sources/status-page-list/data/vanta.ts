import { StatusPageInfo } from "../types";

export const name = "Vanta";

export const statusPageUrl = "https://status.vanta.com/";

export const domains = ["vanta.com", "*.vanta.com"];

export const isServiceDefunct = false;

export const vantaStatusInfo: StatusPageInfo = {
  name,
  domains,
  statusPageUrl,
  isServiceDefunct,
};
