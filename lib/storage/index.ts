/** All storage goes through here, so a server database can replace SQLite without touching callers. */
export * from "./db";
export * from "./documents";
export * from "./settings";
export * from "./prices";
