/** Routing by question complexity (mode "auto"): classifier, per-tier routes and the cascade's confidence check. */
export * from "./classify";
export * from "./config";
export * from "./confidence";
